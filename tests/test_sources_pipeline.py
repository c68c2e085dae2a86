"""Pipeline definitions: RegisterModel steps at any depth, expressions, parameter defaults."""

from __future__ import annotations

import json

from sources_helpers import at, by_rule, position

IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"


def register_step(name: str = "RegisterChurn", **arguments) -> dict:
    args = {
        "ModelPackageGroupName": "customer-churn",
        "ModelApprovalStatus": {"Get": "Parameters.ModelApprovalStatus"},
        "InferenceSpecification": {
            "Containers": [
                {
                    "Image": IMAGE,
                    "ModelDataUrl": {"Get": "Steps.TrainChurn.ModelArtifacts.S3ModelArtifacts"},
                }
            ],
            "SupportedContentTypes": ["text/csv"],
            "SupportedResponseMIMETypes": ["text/csv"],
            "SupportedRealtimeInferenceInstanceTypes": ["ml.m5.large"],
            "SupportedTransformInstanceTypes": ["ml.m5.xlarge"],
        },
    }
    args.update(arguments)
    return {"Name": name, "Type": "RegisterModel", "Arguments": args}


def definition(*steps: dict, parameters: list | None = None) -> dict:
    if parameters is None:
        parameters = [
            {
                "Name": "ModelApprovalStatus",
                "Type": "String",
                "DefaultValue": "PendingManualApproval",
            }
        ]
    train = {"Name": "TrainChurn", "Type": "Training", "Arguments": {}}
    return {
        "Version": "2020-12-01",
        "Metadata": {},
        "Parameters": parameters,
        "PipelineExperimentConfig": {
            "ExperimentName": {"Get": "Execution.PipelineName"},
            "TrialName": {"Get": "Execution.PipelineExecutionId"},
        },
        "Steps": [train, *steps],
    }


def condition(name: str, if_steps: list, else_steps: list) -> dict:
    return {
        "Name": name,
        "Type": "Condition",
        "Arguments": {
            "Conditions": [
                {
                    "Type": "GreaterThanOrEqualTo",
                    "LeftValue": {"Std:JsonGet": {"Path": "metrics.accuracy"}},
                    "RightValue": 0.8,
                }
            ],
            "IfSteps": if_steps,
            "ElseSteps": else_steps,
        },
    }


def check(mplint, write, name: str, text: str, *args: str):
    path = write(name, text)
    return mplint("check", "--format", "json", *args, str(path))


def test_valid_definition_in_every_layout_has_no_findings(mplint, write):
    data = definition(condition("CheckAccuracy", [register_step()], []))
    layouts = {
        "pretty.json": json.dumps(data, indent=2),
        "line.json": json.dumps(data),
        "sorted.json": json.dumps(data, sort_keys=True, indent=1),
        "compact.json": json.dumps(data, separators=(",", ":"), sort_keys=True),
    }
    paths = [str(write(name, text)) for name, text in layouts.items()]
    result = mplint("check", "--format", "json", *paths)
    assert result.code == 0, (result.out, result.err)
    assert result.findings() == []
    assert [f["specs"] for f in result.json()["files"]] == [1, 1, 1, 1]


def test_single_line_definition_positions_are_exact(mplint, write):
    step = register_step(ModelApprovalStatus="approved", ModelPackageGroupname="churn")
    text = json.dumps(definition(step))  # one line, as pipeline.definition() writes it
    result = check(mplint, write, "pipeline.json", text)
    assert result.code == 1
    (enum,) = by_rule(result.findings(), "MP104")
    assert at(enum) == position(text, '"approved"')
    assert enum["path"] == "/Steps/1/Arguments/ModelApprovalStatus"
    assert enum["message"].endswith("[step RegisterChurn]")
    (unknown,) = by_rule(result.findings(), "MP101")
    assert at(unknown) == position(text, '"ModelPackageGroupname"')
    assert unknown["end_column"] == unknown["column"] + len('"ModelPackageGroupname"')


def test_sorted_keys_give_the_same_findings_at_their_own_positions(mplint, write):
    step = register_step(ModelApprovalStatus="approved")
    text = json.dumps(definition(step), sort_keys=True)
    (finding,) = check(mplint, write, "sorted.json", text).findings()
    assert finding["rule"] == "MP104"
    assert at(finding) == position(text, '"approved"')


def test_parameter_default_is_checked_in_place_of_the_expression(mplint, write):
    params = [{"Name": "ModelApprovalStatus", "Type": "String", "DefaultValue": "approved"}]
    text = json.dumps(definition(register_step(), parameters=params), indent=2)
    result = check(mplint, write, "pipeline.json", text)
    assert result.code == 1
    (finding,) = result.findings()
    assert finding["rule"] == "MP104"
    assert "'approved'" in finding["message"]
    assert at(finding) == position(text, '"approved"')  # the default, not the Get
    assert finding["path"] == "/Steps/1/Arguments/ModelApprovalStatus"


def test_parameter_without_default_is_unknown(mplint, write):
    params = [{"Name": "ModelApprovalStatus", "Type": "String"}]
    text = json.dumps(definition(register_step(), parameters=params))
    result = check(mplint, write, "pipeline.json", text)
    assert result.code == 0
    assert result.findings() == []


def test_expressions_are_accepted_at_every_kind_of_position(mplint, write):
    join = {
        "Std:Join": {"On": "/", "Values": ["s3://acme", {"Get": "Execution.PipelineExecutionId"}]}
    }
    step = register_step(
        ModelPackageGroupName={"Get": "Parameters.Group"},  # parameter without default
        ModelPackageDescription=join,
        CustomerMetadataProperties={"run": {"Get": "Execution.PipelineExecutionId"}},
        SkipModelValidation={"Std:JsonGet": {"PropertyFile": "x", "Path": "skip"}},
        InferenceSpecification={
            "Containers": [
                {
                    "Image": {"Get": "Parameters.Image"},
                    "ModelDataUrl": join,
                    "Environment": {"RUN_ID": {"Get": "Execution.PipelineExecutionId"}},
                },
                {"Get": "Steps.TrainChurn.Properties.Container"},  # a whole list item
            ],
            "SupportedContentTypes": {"Get": "Parameters.ContentTypes"},  # a whole list
            "SupportedResponseMIMETypes": [{"Get": "Parameters.Accept"}],  # a list item
            "SupportedRealtimeInferenceInstanceTypes": ["ml.m5.large"],
            "SupportedTransformInstanceTypes": ["ml.m5.xlarge"],
        },
        ModelMetrics={"Get": "Steps.TrainChurn.Properties.Metrics"},  # a whole mapping
        ModelApprovalStatus={"Get": "Parameters.Approval"},
    )
    params = [
        {"Name": name, "Type": "String"}
        for name in ("Group", "Image", "ContentTypes", "Accept", "Approval")
    ]
    text = json.dumps(definition(step, parameters=params), indent=2)
    result = check(mplint, write, "pipeline.json", text)
    assert result.findings() == []
    assert result.code == 0


def test_required_member_given_by_an_expression_counts_as_present(mplint, write):
    given = register_step("RegisterGiven")
    given["Arguments"]["InferenceSpecification"]["Containers"] = {"Get": "Parameters.Containers"}
    missing = register_step("RegisterMissing")
    del missing["Arguments"]["InferenceSpecification"]["Containers"]
    params = [
        {"Name": "Containers", "Type": "String"},
        {"Name": "ModelApprovalStatus", "Type": "String"},
    ]
    text = json.dumps(definition(given, missing, parameters=params), indent=2)
    (finding,) = check(mplint, write, "pipeline.json", text).findings()
    assert finding["rule"] == "MP102"
    assert "'Containers'" in finding["message"]
    assert finding["message"].endswith("[step RegisterMissing]")
    assert finding["path"] == "/Steps/2/Arguments/InferenceSpecification"
    assert at(finding) == position(text, '"InferenceSpecification"', nth=2)


def test_register_steps_nested_in_condition_steps(mplint, write):
    inner = register_step("RegisterCandidate", ModelApprovalStatus="Aproved")
    outer = register_step("RegisterBest")
    data = definition(
        condition("CheckAccuracy", [outer], [condition("CheckPrecision", [], [inner])])
    )
    text = json.dumps(data, indent=2)
    result = check(mplint, write, "pipeline.json", text)
    assert result.json()["files"][0]["specs"] == 2
    (finding,) = result.findings()
    assert finding["rule"] == "MP104"
    assert finding["message"].endswith("[step RegisterCandidate]")
    assert finding["path"] == (
        "/Steps/1/Arguments/ElseSteps/0/Arguments/ElseSteps/0/Arguments/ModelApprovalStatus"
    )
    assert at(finding) == position(text, '"Aproved"')


def test_argument_the_pipeline_service_rejects(mplint, write):
    step = register_step(CertifyForMarketplace=False, ModelPackageName="churn-v7")
    text = json.dumps(definition(step))
    findings = check(mplint, write, "pipeline.json", text).findings()
    (rejected,) = by_rule(findings, "MP701")
    assert rejected["level"] == "error"
    assert at(rejected) == position(text, '"CertifyForMarketplace"')
    (named,) = by_rule(findings, "MP702")
    assert named["level"] == "warning"
    assert at(named) == position(text, '"ModelPackageName"')


def test_get_of_an_undefined_parameter_or_step(mplint, write):
    step = register_step(ModelApprovalStatus={"Get": "Parameters.ApprovalStatus"})
    step["Arguments"]["InferenceSpecification"]["Containers"][0]["ModelDataUrl"] = {
        "Std:Join": {"On": "", "Values": [{"Get": "Steps.Train.ModelArtifacts.S3ModelArtifacts"}]}
    }
    text = json.dumps(definition(step), indent=2)
    findings = check(mplint, write, "pipeline.json", text).findings()
    (parameter,) = by_rule(findings, "MP703")
    assert at(parameter) == position(text, '"Parameters.ApprovalStatus"')
    assert "ModelApprovalStatus" in parameter["message"]  # the parameters that exist
    (step_ref,) = by_rule(findings, "MP704")
    assert at(step_ref) == position(text, '"Steps.Train.ModelArtifacts')
    assert "'Train'" in step_ref["message"]


def test_arguments_that_are_not_a_mapping(mplint, write):
    step = {"Name": "RegisterChurn", "Type": "RegisterModel", "Arguments": ["oops"]}
    text = json.dumps(definition(step), indent=2)
    (finding,) = check(mplint, write, "pipeline.json", text).findings()
    assert finding["rule"] == "MP004"
    assert "step RegisterChurn" in finding["message"]
    assert at(finding) == position(text, '[\n        "oops"')


def test_pipeline_without_register_steps_is_skipped_in_a_scan(mplint, write, tmp_path):
    data = definition()
    data["Steps"].append({"Name": "RegisterModelLater", "Type": "Processing", "Arguments": {}})
    write("pipelines/train.json", json.dumps(data))
    result = mplint("check", "--format", "json", str(tmp_path / "pipelines"))
    assert result.code == 0
    assert result.json()["files"][0]["status"] == "skipped"
