"""Make the fixture botocore under tests/data/apimodel/botocore from an installed botocore:
its SageMaker model cut to the shapes CreateModelPackage reaches, its partition data cut to
what mplint reads. Run once per pinned release (python tests/data/apimodel/trim.py)."""

from __future__ import annotations

import gzip
import json
import shutil
import sys
from pathlib import Path

sys.path.remove(str(Path(__file__).parent))  # the fixture's own botocore is not the source
import botocore  # noqa: E402

SOURCE = Path(botocore.__file__).parent / "data"
TARGET = Path(__file__).parent / "botocore"


def reachable(shapes: dict, name: str, seen: set[str]) -> None:
    if name in seen:
        return
    seen.add(name)
    shape = shapes[name]
    refs = list(shape.get("members", {}).values())
    refs += [shape[k] for k in ("member", "key", "value") if k in shape]
    for ref in refs:
        reachable(shapes, ref["shape"], seen)


def main() -> None:
    folder = next((SOURCE / "sagemaker").iterdir())
    service = json.loads(gzip.decompress((folder / "service-2.json.gz").read_bytes()))
    operation = service["operations"]["CreateModelPackage"]
    keep: set[str] = set()
    reachable(service["shapes"], operation["input"]["shape"], keep)
    trimmed = {
        "version": service["version"],
        "metadata": service["metadata"],
        "operations": {"CreateModelPackage": operation},
        "shapes": {name: service["shapes"][name] for name in sorted(keep)},
    }
    shutil.rmtree(TARGET, ignore_errors=True)
    out = TARGET / "data" / "sagemaker" / folder.name
    out.mkdir(parents=True)
    text = json.dumps(trimmed, indent=1).encode()
    (out / "service-2.json.gz").write_bytes(gzip.compress(text, mtime=0))
    (TARGET / "__init__.py").write_text(f"__version__ = '{botocore.__version__}'\n")
    shutil.copy(SOURCE / "partitions.json", TARGET / "data" / "partitions.json")
    endpoints = json.loads((SOURCE / "endpoints.json").read_text())
    for partition in endpoints["partitions"]:
        services = partition["services"]
        partition["services"] = {"api.sagemaker": services.get("api.sagemaker", {})}
    (TARGET / "data" / "endpoints.json").write_text(json.dumps(endpoints, indent=1) + "\n")


if __name__ == "__main__":
    main()
