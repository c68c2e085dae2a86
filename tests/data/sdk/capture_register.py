"""Record the CreateModelPackage requests the SageMaker Python SDK sends for the register()
calls of register_calls.py, offline, as a JSON list (one request per call, in order), then
the Arguments of the RegisterModel steps its pipeline steps write into a definition.

    AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=y \
        /tmp/sm/bin/python tests/data/sdk/capture_register.py OUT.json

The SDK's session talks to a stub client that answers the calls register() makes and keeps
the create_model_package arguments. Used by tests/test_sources_sdk.py (sagemaker 2.257.7).
"""

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("SAGEMAKER_SUPPRESS_V2_WARNING", "1")
os.environ.setdefault("AWS_ACCESS_KEY_ID", "offline")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "offline")

import boto3  # noqa: E402
import sagemaker.telemetry.telemetry_logging as telemetry  # noqa: E402

telemetry._send_telemetry_request = lambda *args, **kwargs: None  # stay offline
from sagemaker.model import Model  # noqa: E402
from sagemaker.session import Session  # noqa: E402
from sagemaker.workflow.model_step import ModelStep  # noqa: E402
from sagemaker.workflow.pipeline import Pipeline  # noqa: E402
from sagemaker.workflow.pipeline_context import PipelineSession  # noqa: E402
from sagemaker.workflow.step_collections import RegisterModel  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from register_calls import pipeline_steps, register_all  # noqa: E402


class StubClient:
    """Answers what register() asks the SageMaker API and records the requests."""

    def __init__(self) -> None:
        self.requests: list[dict] = []

    def create_model_package(self, **request):
        self.requests.append(request)
        return {"ModelPackageArn": "arn:aws:sagemaker:us-east-1:123456789012:model-package/x/1"}

    def search(self, **_):
        return {"Results": [{"ModelPackageGroup": {}}]}  # the group exists

    def __getattr__(self, name):
        raise AssertionError(f"unexpected SageMaker call {name}")


client = StubClient()
session = Session(
    boto_session=boto3.Session(region_name="us-east-1"),
    sagemaker_client=client,
    default_bucket="acme-ml-artifacts",
)
model = Model(
    image_uri="683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
    model_data="s3://acme-ml-artifacts/churn/model.tar.gz",
    role="arn:aws:iam::123456789012:role/SageMakerExecution",
    sagemaker_session=session,
)
register_all(model)

# The pipeline steps: the RegisterModel steps of the definition, in order.
pipeline_session = PipelineSession(
    boto_session=boto3.Session(region_name="us-east-1"), default_bucket="acme-ml-artifacts"
)
pipeline_session._default_bucket = "acme-ml-artifacts"  # skip the S3 call that checks it
pipeline_model = Model(
    image_uri=model.image_uri,
    model_data=model.model_data,
    role=model.role,
    sagemaker_session=pipeline_session,
)
steps = pipeline_steps(pipeline_model, ModelStep, RegisterModel)
definition = json.loads(
    Pipeline(name="churn", steps=steps, sagemaker_session=pipeline_session).definition()
)
registered = [s["Arguments"] for s in definition["Steps"] if s["Type"] == "RegisterModel"]
Path(sys.argv[1]).write_text(json.dumps(client.requests + registered, indent=2), encoding="utf-8")
