"""A deterministic corpus of CreateModelPackage specs for benchmarks and tests.

`generate(folder, count, seed)` writes `count` specs: versioned (ModelPackageGroupName) and
unversioned (ModelPackageName), 1-10 KB (mean ~4 KB), ~80% YAML with comments and ~20%
JSON. About one in eight has a defect AWS would reject (typo key, long name, bad enum, wrong
type, bad URL, empty list, unknown nested key); the others pass every built-in rule. The
same seed always gives the same bytes.

    python benchmarks/corpus.py OUT_DIR --files 1000 [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import os
import random
from pathlib import Path
from typing import Any

WORDS = [
    "churn",
    "fraud",
    "ranker",
    "forecast",
    "vision",
    "speech",
    "embed",
    "rerank",
    "anomaly",
    "pricing",
    "demand",
    "credit",
    "retention",
    "search",
    "recommend",
    "segment",
    "classify",
    "detect",
    "translate",
    "summarise",
]
INSTANCE_TYPES = [
    "ml.m5.large",
    "ml.m5.xlarge",
    "ml.m5.2xlarge",
    "ml.c5.xlarge",
    "ml.c5.2xlarge",
    "ml.g4dn.xlarge",
    "ml.g5.2xlarge",
    "ml.p3.2xlarge",
    "ml.r5.large",
    "ml.t2.medium",
]
TRANSFORM_TYPES = ["ml.m5.large", "ml.m5.xlarge", "ml.c5.xlarge", "ml.c5.2xlarge", "ml.p3.2xlarge"]
CONTENT_TYPES = ("text/csv", "application/json", "application/x-recordio-protobuf", "image/jpeg")
FRAMEWORKS = (("XGBOOST", "1.7"), ("PYTORCH", "2.1"), ("TENSORFLOW", "2.13"), ("SKLEARN", "1.2"))
REGIONS = ("us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2")
DEFECTS = (
    "typo-key",
    "long-name",
    "bad-enum",
    "bad-instance",
    "wrong-type",
    "bad-url",
    "empty-list",
    "unknown-nested",
)


def _name(rng: random.Random, parts: int = 2) -> str:
    return "-".join(rng.choice(WORDS) for _ in range(parts)) + f"-{rng.randrange(1, 999)}"


def _s3(rng: random.Random, region: str, what: str) -> str:
    day = f"2024-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
    return f"s3://acme-ml-{region}/{_name(rng, 1)}/{day}/{what}"


def _digest(rng: random.Random) -> str:
    return "sha256:" + "".join(rng.choice("0123456789abcdef") for _ in range(64))


def _metrics_file(rng: random.Random, region: str, what: str) -> dict[str, Any]:
    entry: dict[str, Any] = {"ContentType": "application/json", "S3Uri": _s3(rng, region, what)}
    if rng.random() < 0.3:
        entry["ContentDigest"] = _digest(rng)
    return entry


def _container(rng: random.Random, region: str) -> dict[str, Any]:
    framework, version = rng.choice(FRAMEWORKS)
    account = rng.randrange(10**11, 10**12)
    image = f"{account}.dkr.ecr.{region}.amazonaws.com/{_name(rng, 1)}:{version}-{rng.randrange(9)}"
    container: dict[str, Any] = {"Image": image, "ModelDataUrl": _s3(rng, region, "model.tar.gz")}
    if rng.random() < 0.7:
        container["Environment"] = {
            f"{rng.choice(WORDS).upper()}_{i}": f"{rng.choice(WORDS)}-{rng.randrange(100)}"
            for i in range(rng.randrange(1, 17))  # SageMaker allows up to 16
        }
    container["Framework"] = framework
    container["FrameworkVersion"] = version
    if rng.random() < 0.2:
        container["ImageDigest"] = _digest(rng)
    return container


def spec(rng: random.Random) -> dict[str, Any]:
    """One valid spec; its size varies with the number of containers, metrics and tags."""
    region = rng.choice(REGIONS)
    data: dict[str, Any] = {}
    versioned = rng.random() < 0.7
    if versioned:
        data["ModelPackageGroupName"] = _name(rng)
        data["ModelApprovalStatus"] = rng.choice(("PendingManualApproval", "Approved", "Rejected"))
    else:
        data["ModelPackageName"] = _name(rng)
    sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(4, 30)))
    data["ModelPackageDescription"] = sentence.capitalize()
    content = rng.sample(CONTENT_TYPES, rng.randrange(1, 3))
    transform_types = rng.sample(TRANSFORM_TYPES, rng.randrange(1, 4))
    data["InferenceSpecification"] = {
        "Containers": [
            _container(rng, region) for _ in range(rng.choice((1, 2, 2, 3, 3, 4, 7, 12)))
        ],
        "SupportedContentTypes": content,
        "SupportedResponseMIMETypes": content[:1],
        "SupportedRealtimeInferenceInstanceTypes": rng.sample(INSTANCE_TYPES, rng.randrange(1, 6)),
        "SupportedTransformInstanceTypes": transform_types,
    }
    if versioned and rng.random() < 0.8:
        metrics: dict[str, Any] = {
            "ModelQuality": {
                "Statistics": _metrics_file(rng, region, "statistics.json"),
                "Constraints": _metrics_file(rng, region, "constraints.json"),
            }
        }
        if rng.random() < 0.5:
            metrics["ModelDataQuality"] = {
                "Statistics": _metrics_file(rng, region, "data-statistics.json"),
                "Constraints": _metrics_file(rng, region, "data-constraints.json"),
            }
        if rng.random() < 0.4:
            metrics["Bias"] = {
                "Report": _metrics_file(rng, region, "bias.json"),
                "PreTrainingReport": _metrics_file(rng, region, "bias-pre.json"),
                "PostTrainingReport": _metrics_file(rng, region, "bias-post.json"),
            }
        if rng.random() < 0.4:
            metrics["Explainability"] = {"Report": _metrics_file(rng, region, "shap.json")}
        data["ModelMetrics"] = metrics
        if rng.random() < 0.4:
            data["DriftCheckBaselines"] = {
                "ModelQuality": {
                    "Statistics": _metrics_file(rng, region, "drift-statistics.json"),
                    "Constraints": _metrics_file(rng, region, "drift-constraints.json"),
                }
            }
        data["MetadataProperties"] = {
            "Repository": f"https://github.com/acme/{_name(rng, 1)}",
            "CommitId": "".join(rng.choice("0123456789abcdef") for _ in range(40)),
        }
        data["CustomerMetadataProperties"] = {
            f"{rng.choice(WORDS)}-{i}": _name(rng, 1) for i in range(rng.randrange(1, 20))
        }
        data["Domain"] = "MACHINE_LEARNING"
        data["Task"] = rng.choice(("CLASSIFICATION", "REGRESSION", "OTHER"))
    if not versioned and rng.random() < 0.4:
        data["ValidationSpecification"] = {
            "ValidationRole": f"arn:aws:iam::{rng.randrange(10**11, 10**12)}:role/Validation",
            "ValidationProfiles": [
                {
                    "ProfileName": _name(rng, 1),
                    "TransformJobDefinition": {
                        "TransformInput": {
                            "DataSource": {
                                "S3DataSource": {
                                    "S3DataType": "S3Prefix",
                                    "S3Uri": _s3(rng, region, "validation/"),
                                }
                            },
                            "ContentType": content[0],
                        },
                        "TransformOutput": {"S3OutputPath": _s3(rng, region, "out/")},
                        "TransformResources": {
                            "InstanceType": rng.choice(transform_types),
                            "InstanceCount": rng.randrange(1, 4),
                        },
                    },
                }
            ],
        }
        data["CertifyForMarketplace"] = rng.random() < 0.2
    if not versioned:  # a versioned package takes its group's tags
        data["Tags"] = [
            {"Key": f"{rng.choice(WORDS)}-{i}", "Value": _name(rng, 1)}
            for i in range(rng.randrange(1, 30))
        ]
    return data


def add_defect(rng: random.Random, data: dict[str, Any]) -> str:
    """Break the spec in one way AWS would reject; returns the kind of defect."""
    kind = rng.choice(DEFECTS)
    inference = data["InferenceSpecification"]
    if kind == "typo-key":
        key = "ModelPackageGroupName" if "ModelPackageGroupName" in data else "ModelPackageName"
        data[key.replace("Name", "name")] = data.pop(key)
    elif kind == "long-name":
        key = "ModelPackageGroupName" if "ModelPackageGroupName" in data else "ModelPackageName"
        data[key] = "-".join(WORDS[:10])
    elif kind == "bad-enum" and "ModelApprovalStatus" in data:
        data["ModelApprovalStatus"] = "approved"
    elif kind == "bad-enum":
        data["SkipModelValidation"] = "Some"
    elif kind == "bad-instance":
        inference["SupportedRealtimeInferenceInstanceTypes"].append("ml.m5.superlarge")
    elif kind == "wrong-type":
        inference["SupportedContentTypes"] = inference["SupportedContentTypes"][0]
    elif kind == "bad-url":
        inference["Containers"][0]["ModelDataUrl"] = "models/model.tar.gz"
    elif kind == "empty-list":
        inference["SupportedTransformInstanceTypes"] = []
    else:
        inference["Containers"][0]["EnvironmentVariables"] = {"A": "1"}
    return kind


def to_yaml(rng: random.Random, data: dict[str, Any]) -> str:
    """Block-style YAML with comments, written by hand so the output never depends on a
    library version."""
    lines = [
        "# Model package spec, registered from CI:",
        "#   boto3.client('sagemaker').create_model_package(**spec)",
    ]
    _yaml_lines(rng, data, 0, lines)
    return "\n".join(lines) + "\n"


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    plain = text and text[0].isalpha() and ": " not in text and " #" not in text
    return (
        text if plain and text not in ("true", "false", "null", "yes", "no") else json.dumps(text)
    )


def _yaml_lines(rng: random.Random, value: Any, indent: int, lines: list[str]) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            if rng.random() < 0.08:
                lines.append(f"{pad}# {rng.choice(WORDS)} {rng.choice(WORDS)}: see the runbook")
            if isinstance(item, (dict, list)) and item:
                if isinstance(item, list) and all(isinstance(x, str) for x in item):
                    lines.append(f"{pad}{key}: [{', '.join(_scalar(x) for x in item)}]")
                    continue
                lines.append(f"{pad}{key}:")
                _yaml_lines(rng, item, indent + 2, lines)
            elif isinstance(item, (dict, list)):
                lines.append(f"{pad}{key}: {'{}' if isinstance(item, dict) else '[]'}")
            else:
                comment = "  # set by the pipeline" if rng.random() < 0.05 else ""
                lines.append(f"{pad}{key}: {_scalar(item)}{comment}")
    else:
        for item in value:
            if isinstance(item, dict):
                nested: list[str] = []
                _yaml_lines(rng, item, indent + 2, nested)
                first = nested[0].lstrip()
                lines.append(f"{pad}- {first}")
                lines.extend(nested[1:])
            else:
                lines.append(f"{pad}- {_scalar(item)}")


def generate(folder: str | os.PathLike[str], count: int, seed: int = 7) -> list[Path]:
    """Write `count` specs under `folder` (100 per subfolder); returns their paths, sorted."""
    rng = random.Random(seed)
    root = Path(folder)
    paths: list[Path] = []
    for i in range(count):
        data = spec(rng)
        defect = add_defect(rng, data) if rng.random() < 0.125 else "valid"
        as_json = rng.random() < 0.2
        text = json.dumps(data, indent=2) + "\n" if as_json else to_yaml(rng, data)
        sub = root / f"team-{i // 100:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"{i:05d}-{defect}.{'json' if as_json else 'yaml'}"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return sorted(paths)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = generate(args.folder, args.files, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} specs ({size / 1e6:.1f} MB) under {args.folder}")


if __name__ == "__main__":
    main()
