"""A seeded corpus of Python files for benchmarks/bench.py (`--python-files`).

The shapes of real repositories (../shared notes, 2026-12): create_model_package called with
keyword arguments, with `**request` built in the same function and completed line by line,
with `**build_request(...)` from a helper, through the SageMaker SDK's `model.register(...)`
and `ModelStep(step_args=model.register(...))`; and, as most Python files of a repository,
code with no request at all (skipped by the text test). Every file carries some unrelated
code around the request, so that it is the size of a real training or deploy script.
"""

from __future__ import annotations

import random
from pathlib import Path

HEADER = '''"""{title}"""

import json
import logging
import os

import boto3

LOG = logging.getLogger(__name__)
IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/{name}:{version}"
GROUP = "{name}"
'''

FILLER = '''

def load_metrics_{i}(path: str) -> dict:
    """Read the evaluation report written by the processing step."""
    with open(path, encoding="utf-8") as handle:
        report = json.load(handle)
    metrics = report.get("metrics", {{}})
    LOG.info("accuracy %s", metrics.get("accuracy"))
    return {{name: value["value"] for name, value in metrics.items() if "value" in value}}


def should_approve_{i}(metrics: dict, threshold: float = 0.{i}5) -> bool:
    for name in ("accuracy", "auc", "f1"):
        if metrics.get(name, 0.0) < threshold:
            LOG.warning("%s below %s", name, threshold)
            return False
    return bool(os.environ.get("AUTO_APPROVE"))
'''

KEYWORDS = """

def register(url: str, approve: bool) -> str:
    sm = boto3.client("sagemaker")
    response = sm.create_model_package(
        ModelPackageGroupName=GROUP,
        ModelPackageDescription=f"{name} retrained from {{url}}",
        ModelApprovalStatus="Approved" if approve else "PendingManualApproval",
        InferenceSpecification={{
            "Containers": [{{"Image": IMAGE, "ModelDataUrl": url}}],
            "SupportedContentTypes": ["text/csv"],
            "SupportedResponseMIMETypes": ["text/csv"],
            "SupportedRealtimeInferenceInstanceTypes": ["ml.m5.large", "ml.m5.xlarge"],
            "SupportedTransformInstanceTypes": ["ml.m5.xlarge"],
        }},
        CustomerMetadataProperties={{"team": "{team}"}},
    )
    return response["ModelPackageArn"]
"""

DICT = """

def register(url: str, metrics_url: str, approve: bool) -> str:
    sm = boto3.client("sagemaker")
    request = {{
        "ModelPackageGroupName": GROUP,
        "ModelPackageDescription": "{name} weekly retrain",
        "InferenceSpecification": {{
            "Containers": [{{"Image": IMAGE, "ModelDataUrl": url}}],
            "SupportedContentTypes": ["text/csv"],
            "SupportedResponseMIMETypes": ["text/csv"],
        }},
    }}
    request["InferenceSpecification"]["SupportedTransformInstanceTypes"] = ["ml.m5.xlarge"]
    request["ModelMetrics"] = {{
        "ModelQuality": {{
            "Statistics": {{"ContentType": "application/json", "S3Uri": metrics_url}},
        }},
    }}
    request.update({{"Domain": "MACHINE_LEARNING", "Task": "CLASSIFICATION"}})
    if approve:
        request["ModelApprovalStatus"] = "Approved"
    else:
        request["ModelApprovalStatus"] = "PendingManualApproval"
    LOG.info("registering %s", json.dumps(request))
    return sm.create_model_package(**request)["ModelPackageArn"]
"""

HELPER = """

def build_request(url: str, description: str) -> dict:
    return {{
        "ModelPackageGroupName": GROUP,
        "ModelPackageDescription": description,
        "ModelApprovalStatus": "PendingManualApproval",
        "InferenceSpecification": {{
            "Containers": [{{"Image": IMAGE, "ModelDataUrl": url}}],
            "SupportedContentTypes": ["application/json"],
            "SupportedResponseMIMETypes": ["application/json"],
        }},
    }}


def register(url: str) -> str:
    sm = boto3.client("sagemaker")
    return sm.create_model_package(**build_request(url, "{name}"))["ModelPackageArn"]
"""

SDK = """

def register(model, approval_status):
    return model.register(
        content_types=["text/csv"],
        response_types=["text/csv"],
        inference_instances=["ml.m5.large"],
        transform_instances=["ml.m5.xlarge"],
        model_package_group_name=GROUP,
        approval_status=approval_status,
        description="{name} from the training pipeline",
        customer_metadata_properties={{"team": "{team}"}},
    )
"""

PIPELINE = """

def register_step(model, ModelStep, approval):
    return ModelStep(
        name="Register{version}",
        step_args=model.register(
            content_types=["text/csv"],
            response_types=["text/csv"],
            inference_instances=["ml.m5.large"],
            transform_instances=["ml.m5.large"],
            model_package_group_name=GROUP,
            approval_status=approval,
        ),
    )
"""

NO_REQUEST = """

def train(args) -> None:
    LOG.info("training %s with %s", GROUP, args)
    client = boto3.client("s3")
    client.download_file("acme-data", "train.csv", "/tmp/train.csv")
"""

# Share of each shape; most files of a repository hold no request.
SHAPES = [(KEYWORDS, 1), (DICT, 2), (HELPER, 1), (SDK, 1), (PIPELINE, 1), (NO_REQUEST, 4)]


def generate_python(folder: Path, count: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    names = ["churn", "fraud", "ranker", "forecast", "vision", "speech"]
    templates = [template for template, weight in SHAPES for _ in range(weight)]
    paths = []
    for index in range(count):
        name = rng.choice(names)
        values = {"name": name, "team": rng.choice(["growth", "risk", "search"]),
                  "version": rng.randint(1, 40), "title": f"{name}: train and register"}  # fmt: skip
        parts = [HEADER.format(**values)]
        parts += [FILLER.format(i=i) for i in range(rng.randint(2, 6))]
        parts.append(rng.choice(templates).format(**values))
        path = folder / f"team-{index // 100:03d}" / f"{index:05d}_{name}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(parts), encoding="utf-8")
        paths.append(path)
    return paths
