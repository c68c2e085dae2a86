"""Write a SageMaker pipeline definition with the SageMaker Python SDK (v2), offline.

Provenance of tests/data/sdk/*.json and examples/pipelines/churn-pipeline.json:

    python -m venv /tmp/sm && /tmp/sm/bin/pip install 'sagemaker<3'   # 2.257.7 was used
    AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=y \
        /tmp/sm/bin/python tests/data/sdk/build_pipeline.py OUT.json [APPROVAL_DEFAULT]

No AWS call is made: PipelineSession only records the requests, and definition() renders
them. tests/test_sources_sdk.py runs this script when `sagemaker` is importable.
"""

import os
import sys

os.environ.setdefault("SAGEMAKER_SUPPRESS_V2_WARNING", "1")
os.environ.setdefault("AWS_ACCESS_KEY_ID", "offline")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "offline")

import boto3  # noqa: E402
import sagemaker.telemetry.telemetry_logging as telemetry  # noqa: E402

telemetry._send_telemetry_request = lambda *args, **kwargs: None  # stay offline
from sagemaker.estimator import Estimator  # noqa: E402
from sagemaker.inputs import TrainingInput  # noqa: E402
from sagemaker.model import Model  # noqa: E402
from sagemaker.processing import ProcessingOutput, ScriptProcessor  # noqa: E402
from sagemaker.workflow.condition_step import ConditionStep  # noqa: E402
from sagemaker.workflow.conditions import ConditionGreaterThanOrEqualTo  # noqa: E402
from sagemaker.workflow.execution_variables import ExecutionVariables  # noqa: E402
from sagemaker.workflow.functions import Join, JsonGet  # noqa: E402
from sagemaker.workflow.model_step import ModelStep  # noqa: E402
from sagemaker.workflow.parameters import ParameterFloat, ParameterString  # noqa: E402
from sagemaker.workflow.pipeline import Pipeline  # noqa: E402
from sagemaker.workflow.pipeline_context import PipelineSession  # noqa: E402
from sagemaker.workflow.properties import PropertyFile  # noqa: E402
from sagemaker.workflow.steps import ProcessingStep, TrainingStep  # noqa: E402

out = sys.argv[1]
approval_default = sys.argv[2] if len(sys.argv) > 2 else "PendingManualApproval"

ROLE = "arn:aws:iam::123456789012:role/SageMakerPipelineExecution"
IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"
session = PipelineSession(
    boto_session=boto3.Session(region_name="us-east-1"), default_bucket="acme-ml-artifacts"
)
session._default_bucket = "acme-ml-artifacts"  # skip the S3 call that checks the bucket exists

approval = ParameterString(name="ModelApprovalStatus", default_value=approval_default)
train_data = ParameterString(name="TrainData", default_value="s3://acme-ml-data/churn/train/")
threshold = ParameterFloat(name="MinAccuracy", default_value=0.8)

estimator = Estimator(
    image_uri=IMAGE,
    role=ROLE,
    instance_count=1,
    instance_type="ml.m5.xlarge",
    output_path="s3://acme-ml-artifacts/churn/models",
    sagemaker_session=session,
)
estimator.set_hyperparameters(objective="binary:logistic", num_round=200)
train = TrainingStep(
    name="TrainChurn",
    step_args=estimator.fit({"train": TrainingInput(train_data, content_type="text/csv")}),
)

processor = ScriptProcessor(
    image_uri=IMAGE,
    command=["python3"],
    role=ROLE,
    instance_count=1,
    instance_type="ml.m5.large",
    sagemaker_session=session,
)
report = PropertyFile(name="EvaluationReport", output_name="evaluation", path="evaluation.json")
evaluate = ProcessingStep(
    name="EvaluateChurn",
    processor=processor,
    code="s3://acme-ml-artifacts/churn/code/evaluate.py",
    outputs=[ProcessingOutput(output_name="evaluation", source="/opt/ml/processing/evaluation")],
    property_files=[report],
)

model = Model(
    image_uri=IMAGE,
    model_data=train.properties.ModelArtifacts.S3ModelArtifacts,
    role=ROLE,
    sagemaker_session=session,
)
register = ModelStep(
    name="RegisterChurn",
    step_args=model.register(
        content_types=["text/csv"],
        response_types=["text/csv"],
        inference_instances=["ml.m5.large", "ml.m5.xlarge"],
        transform_instances=["ml.m5.xlarge"],
        model_package_group_name="customer-churn",
        approval_status=approval,
        description=Join(on=" ", values=["Churn model, execution", ExecutionVariables.PIPELINE_EXECUTION_ID]),
        customer_metadata_properties={"owner": "growth-analytics"},
    ),
)
check = ConditionStep(
    name="CheckAccuracy",
    conditions=[
        ConditionGreaterThanOrEqualTo(
            left=JsonGet(step_name=evaluate.name, property_file=report, json_path="metrics.accuracy.value"),
            right=threshold,
        )
    ],
    if_steps=[register],
    else_steps=[],
)
pipeline = Pipeline(
    name="churn-training",
    parameters=[approval, train_data, threshold],
    steps=[train, evaluate, check],
    sagemaker_session=session,
)
with open(out, "w", encoding="utf-8") as handle:
    handle.write(pipeline.definition())
