"""Python code: the SageMaker Python SDK's register() calls (mplint/sources/python_sdk.py).

Valid files and one-defect files with asserted positions for each shape (Model.register,
PipelineModel.register, a model from estimator.create_model(), ModelStep(step_args=...),
RegisterModel), the values the SDK fills in (never reported), and the shapes of other
libraries that must not be read (chat-bot frameworks, atexit, Django admin).
"""

from __future__ import annotations

import textwrap

import pytest
from sources_helpers import at, position

from mplint.model import Kind, Unknown
from mplint.sources import python_code

MODEL = """\
from sagemaker.model import Model
from sagemaker.pipeline import PipelineModel

IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"


def register(session, role, preprocess, xgboost):
    model = Model(image_uri=IMAGE, model_data="s3://acme/churn/model.tar.gz", role=role,
                  sagemaker_session=session)
    package = model.register(
        content_types=["text/csv"],
        response_types=["text/csv"],
        inference_instances=["ml.m5.large"],
        transform_instances=["ml.m5.xlarge"],
        model_package_group_name="customer-churn",
        approval_status="PendingManualApproval",
        description="Churn classifier",
        customer_metadata_properties={"team": "growth"},
        domain="MACHINE_LEARNING",
        task="CLASSIFICATION",
    )
    pipeline_model = PipelineModel(models=[preprocess, xgboost], role=role)
    pipeline_model.register(
        ["text/csv"],
        ["application/json"],
        transform_instances=["ml.c5.2xlarge"],
        model_package_group_name="customer-churn-inference-pipeline",
    )
    return package
"""

ESTIMATOR = """\
from sagemaker.xgboost import XGBoost


def train_and_register(role, train):
    estimator = XGBoost(entry_point="train.py", framework_version="1.7-1", role=role,
                        instance_count=1, instance_type="ml.m5.xlarge")
    estimator.fit({"train": train})
    model = estimator.create_model()
    model.register(
        content_types=["text/csv"],
        response_types=["text/csv"],
        inference_instances=["ml.m5.large"],
        transform_instances=["ml.m5.large"],
        model_package_name="churn-standalone",
        description="Churn classifier, unversioned",
    )
"""

PIPELINE = """\
from sagemaker.model import Model
from sagemaker.workflow.model_step import ModelStep
from sagemaker.workflow.parameters import ParameterString
from sagemaker.workflow.step_collections import RegisterModel

approval = ParameterString(name="ModelApprovalStatus", default_value="PendingManualApproval")


def steps(session, role, estimator, train_step, metrics):
    model = Model(image_uri=estimator.training_image_uri(), role=role,
                  model_data=train_step.properties.ModelArtifacts.S3ModelArtifacts,
                  sagemaker_session=session)
    register_args = model.register(
        content_types=["text/csv"],
        response_types=["text/csv"],
        inference_instances=["ml.m5.large"],
        transform_instances=["ml.m5.large"],
        model_package_group_name="customer-churn",
        approval_status=approval,
        model_metrics=metrics,
        marketplace_cert=False,
    )
    register = ModelStep(name="RegisterChurn", step_args=register_args)
    inline = ModelStep(
        name="RegisterChurnInline",
        step_args=model.register(
            content_types=["text/csv"],
            response_types=["text/csv"],
            model_package_group_name="customer-churn",
            marketplace_cert=True,
        ),
    )
    legacy = RegisterModel(
        name="RegisterChurnV2",
        estimator=estimator,
        model_data=train_step.properties.ModelArtifacts.S3ModelArtifacts,
        content_types=["text/csv"],
        response_types=["text/csv"],
        inference_instances=["ml.m5.large"],
        transform_instances=["ml.m5.large"],
        model_package_group_name="customer-churn",
        approval_status=approval,
        description="Churn classifier",
    )
    return [register, inline, legacy]
"""

TAGGED = PIPELINE.replace(
    'description="Churn classifier",', 'tags=[{"Key": "team", "Value": "growth"}],'
)

# Not the SDK: the same method name, even the same keyword (aiogram's message handlers).
NOT_THE_SDK = """\
import atexit

from aiogram import Dispatcher
from django.contrib import admin


def setup(dp: Dispatcher, handle_photo, cleanup, registry):
    dp.message.register(handle_photo, content_types=["photo"])
    dp.register_message_handler(handle_photo, content_types=["document"])
    atexit.register(cleanup)
    admin.site.register(registry)
    registry.register(content_types=["text/csv"], name="churn")
"""


def parse(text: str):
    return python_code.parse(textwrap.dedent(text))


def test_model_and_pipeline_model_register_map_like_the_sdk():
    (model, pipeline_model), problems = parse(MODEL)
    assert problems == []
    data = model.data
    assert data["ModelPackageGroupName"] == "customer-churn"
    assert data["ModelPackageDescription"] == "Churn classifier"
    assert data["ModelApprovalStatus"] == "PendingManualApproval"
    assert data["CustomerMetadataProperties"] == {"team": "growth"}
    assert (data["Domain"], data["Task"]) == ("MACHINE_LEARNING", "CLASSIFICATION")
    specification = data["InferenceSpecification"]
    assert isinstance(specification["Containers"], Unknown)  # built from the Model object
    assert specification["SupportedContentTypes"] == ["text/csv"]
    assert specification["SupportedRealtimeInferenceInstanceTypes"] == ["ml.m5.large"]
    assert specification["SupportedTransformInstanceTypes"] == ["ml.m5.xlarge"]
    assert "CertifyForMarketplace" not in data  # the SDK's False is not the user's text
    assert "SkipModelValidation" not in data
    key = model.keys[("InferenceSpecification", "SupportedContentTypes")]
    assert (key.line, key.col) == position(MODEL, "content_types=")
    assert key.end_col - key.col == len("content_types")
    # positional content and response types
    assert pipeline_model.data["InferenceSpecification"]["SupportedResponseMIMETypes"] == [
        "application/json"
    ]
    value = pipeline_model.values[("InferenceSpecification", "SupportedResponseMIMETypes", 0)]
    assert (value.line, value.col) == position(MODEL, '"application/json"')


def test_pipeline_shapes_drop_what_the_sdk_removes():
    (by_name, inline, legacy), problems = parse(PIPELINE)
    assert problems == []
    for document in (by_name, inline, legacy):
        assert "CertifyForMarketplace" not in document.data  # _RegisterModelStep pops it
        assert document.data["ModelPackageGroupName"] == "customer-churn"
    assert isinstance(by_name.data["ModelApprovalStatus"], Unknown)  # a pipeline parameter
    assert isinstance(by_name.data["ModelMetrics"], Unknown)
    assert legacy.data["ModelPackageDescription"] == "Churn classifier"
    (_, _, tagged), _ = parse(TAGGED)
    assert tagged.data["Tags"] == [{"Key": "team", "Value": "growth"}]


def test_a_model_from_create_model_registered_unversioned():
    (document,), problems = parse(ESTIMATOR)
    assert problems == []
    assert document.data["ModelPackageName"] == "churn-standalone"
    assert "CertifyForMarketplace" not in document.data  # the SDK's False
    assert "ModelPackageGroupName" not in document.data
    assert "ModelApprovalStatus" not in document.data  # the SDK's default: no MP214


def test_other_libraries_register_calls_are_not_read():
    documents, problems = parse(NOT_THE_SDK)
    assert (documents, problems) == ([], [])
    assert not python_code.worth_reading(textwrap.dedent(NOT_THE_SDK))


def test_no_group_and_no_name_registers_to_a_group_the_sdk_names():
    text = 'model.register(content_types=["text/csv"], response_types=["text/csv"])\n'
    (document,), _ = parse(text)
    assert isinstance(document.data["ModelPackageGroupName"], Unknown)
    # RegisterModel names no group of its own
    text = 'RegisterModel(name="R", content_types=["a/b"], response_types=["a/b"], model=m)\n'
    (document,), _ = parse(text)
    assert "ModelPackageGroupName" not in document.data


DEFECTS = {
    # file: (text, rule, the text the finding points at)
    "model.py": (MODEL.replace('"PendingManualApproval"', '"approved"'), "MP104", '"approved"'),
    "pipeline_model.py": (
        MODEL.replace('["ml.c5.2xlarge"]', '["ml.c5.superlarge"]'),
        "MP104",
        '"ml.c5.superlarge"',
    ),
    # the user's own approval status on an unversioned package (the SDK's default is not)
    "estimator.py": (
        ESTIMATOR.replace(
            "model_package_name=", 'approval_status="Approved",\n        model_package_name='
        ),
        "MP214",
        "approval_status=",
    ),
    # the user's marketplace_cert=True, without a validation specification
    "marketplace.py": (
        ESTIMATOR.replace(
            "model_package_name=", "marketplace_cert=True,\n        model_package_name="
        ),
        "MP310",
        "marketplace_cert=",
    ),
    # RegisterModel passes its tags into the request: a versioned package cannot have them
    "pipeline.py": (TAGGED, "MP212", "tags="),
}


@pytest.fixture(scope="module")
def scan(tmp_path_factory):
    from conftest import run_mplint

    root = tmp_path_factory.mktemp("sdk")
    for name, (text, _, _) in DEFECTS.items():
        (root / "defects").mkdir(exist_ok=True)
        (root / "defects" / name).write_text(text, encoding="utf-8")
    (root / "valid").mkdir()
    for name, text in {"model": MODEL, "estimator": ESTIMATOR, "pipeline": PIPELINE,
                       "bots": NOT_THE_SDK}.items():  # fmt: skip
        (root / "valid" / f"{name}.py").write_text(text, encoding="utf-8")
    return run_mplint("check", "--python", "-f", "json", ".", cwd=root)


def test_one_defect_per_shape_points_at_the_keyword(scan):
    findings = scan.findings()
    for name, (text, rule, needle) in DEFECTS.items():
        found = [f for f in findings if f["file"] == f"defects/{name}"]
        assert [f["rule"] for f in found] == [rule], (name, found)
        assert at(found[0]) == position(text, needle), name


def test_valid_sdk_files_have_no_findings_and_bots_are_skipped(scan):
    assert [f for f in scan.findings() if f["file"].startswith("valid/")] == []
    statuses = {f["file"]: f["status"] for f in scan.json()["files"]}
    assert statuses["valid/bots.py"] == "skipped"
    assert statuses["valid/pipeline.py"] == "checked"
    specs = {f["file"]: f["specs"] for f in scan.json()["files"]}
    assert specs["valid/pipeline.py"] == 3
    assert specs["valid/model.py"] == 2


def test_sdk_arguments_mplint_cannot_see_are_a_note_never_an_error():
    text = textwrap.dedent(
        """\
        def register(model, common):
            model.register(approval_status="Approved", **common)
            dp.message.register(handler, content_types=["text"], **filters)
        """
    )
    documents, (problem,) = python_code.parse(text)
    assert documents == []
    assert (problem.kind, problem.quiet_in_scans) == (Kind.REQUEST_DECIDED_AT_RUN_TIME, True)
    assert (problem.span.line, problem.span.col) == position(text, "**common")
    assert "parameter of register()" in problem.message
