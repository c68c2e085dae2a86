"""Python code: requests built as dicts and passed with `**` (mplint/sources/python_dicts.py).

Each pattern has a valid file and a file with one defect whose position is asserted; the
negatives are calls whose request is decided at run time (a note when the file is named, a
quiet skip in a directory scan). Most cases run in-process on `python_code.parse`; a few run
the command line as a user does.
"""

from __future__ import annotations

import textwrap

import pytest
from sources_helpers import at, by_rule, position

from mplint.model import Kind
from mplint.sources import python_code
from mplint.sources.values import Unknown

CONTAINER = '{"Image": IMAGE, "ModelDataUrl": "s3://models/churn/model.tar.gz"}'

# A request built in a function and completed line by line, as real training scripts do.
ITEM_ASSIGNMENT = f"""\
import boto3

IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1.4"
sm = boto3.client("sagemaker")


def register(run_id: str) -> str:
    request = {{
        "ModelPackageGroupName": "customer-churn",
        "ModelPackageDescription": f"churn model of run {{run_id}}",
        "InferenceSpecification": {{
            "Containers": [{CONTAINER}],
            "SupportedContentTypes": ["text/csv"],
            "SupportedResponseMIMETypes": ["text/csv"],
        }},
    }}
    request["ModelApprovalStatus"] = "PendingManualApproval"
    request["InferenceSpecification"]["SupportedRealtimeInferenceInstanceTypes"] = ["ml.m5.large"]
    request["CustomerMetadataProperties"] = {{"run": run_id}}
    response = sm.create_model_package(**request)
    return response["ModelPackageArn"]
"""

UPDATES = f"""\
import boto3

IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1.4"


def publish(sm, group):
    request = dict(ModelPackageGroupName=group)
    request.update({{"InferenceSpecification": {{"Containers": [{CONTAINER}]}}}})
    request.update(ModelApprovalStatus="Approved", Domain="MACHINE_LEARNING")
    request.setdefault("Task", "CLASSIFICATION")
    request.setdefault("ModelApprovalStatus", "Rejected")  # already set: no change
    request["Draft"] = True
    del request["Draft"]
    request.pop("Scratch", None)
    request |= {{"SamplePayloadUrl": "s3://models/churn/sample.tar.gz"}}
    return sm.create_model_package(**request)
"""

SPREAD_AND_HELPER = """\
IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1.4"
BASE = {"ModelPackageGroupName": "customer-churn", "ModelApprovalStatus": "PendingManualApproval"}


def inference_specification(image, url):
    return {
        "Containers": [{"Image": image, "ModelDataUrl": url}],
        "SupportedContentTypes": ["text/csv"],
    }


def build_request(image, url, description):
    request = {**BASE, "ModelPackageDescription": description}
    request["InferenceSpecification"] = inference_specification(image, url)
    return request


class Registrar:
    def request(self):
        return {**BASE, "Task": "CLASSIFICATION"}

    def run(self, client):
        client.create_model_package(**self.request(), Domain="MACHINE_LEARNING")


def main(client, url):
    client.create_model_package(**build_request(IMAGE, url, "nightly"))
"""

# Keys set on some paths only are unknown, never missing; a value overwritten on some path
# is unknown too.
BRANCHES = f"""\
import os

IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1.4"


def register(sm, versioned: bool):
    request = {{"InferenceSpecification": {{"Containers": [{CONTAINER}]}}}}
    request["ModelApprovalStatus"] = "approved"
    if versioned:
        request["ModelPackageGroupName"] = "customer-churn"
    else:
        request["ModelPackageName"] = "customer-churn-standalone"
    if os.environ.get("APPROVE"):
        request["ModelApprovalStatus"] = "Approved"
    for key, value in {{"team": "growth"}}.items():
        request.setdefault("CustomerMetadataProperties", {{}})
    try:
        request["SamplePayloadUrl"] = os.environ["PAYLOAD"]
    except KeyError:
        pass
    sm.create_model_package(**request)
"""


def parse(text: str):
    documents, problems = python_code.parse(textwrap.dedent(text))
    return documents, problems


def test_item_assignments_are_followed_with_positions():
    (document,), problems = parse(ITEM_ASSIGNMENT)
    assert problems == []
    data = document.data
    assert data["ModelApprovalStatus"] == "PendingManualApproval"
    assert isinstance(data["ModelPackageDescription"], Unknown)  # an f-string
    spec = data["InferenceSpecification"]
    assert spec["SupportedRealtimeInferenceInstanceTypes"] == ["ml.m5.large"]
    assert spec["Containers"][0]["ModelDataUrl"] == "s3://models/churn/model.tar.gz"
    assert isinstance(data["CustomerMetadataProperties"]["run"], Unknown)
    # keys point where they are written: in the literal or in the statement that set them
    key = document.keys[("InferenceSpecification", "SupportedRealtimeInferenceInstanceTypes")]
    assert (key.line, key.col) == position(ITEM_ASSIGNMENT, '"SupportedRealtimeInference')
    value = document.values[("ModelApprovalStatus",)]
    assert (value.line, value.col) == position(ITEM_ASSIGNMENT, '"PendingManualApproval"')
    assert document.line == position(ITEM_ASSIGNMENT, "sm.create_model_package")[0]


def test_updates_setdefault_del_pop_and_or_assignment():
    (document,), problems = parse(UPDATES)
    assert problems == []
    data = document.data
    assert isinstance(data.pop("ModelPackageGroupName"), Unknown)  # the parameter
    assert isinstance(data["InferenceSpecification"]["Containers"][0]["Image"], Unknown)
    del data["InferenceSpecification"]
    assert data == {
        "ModelApprovalStatus": "Approved",
        "Domain": "MACHINE_LEARNING",
        "Task": "CLASSIFICATION",
        "SamplePayloadUrl": "s3://models/churn/sample.tar.gz",
    }
    key = document.keys[("Domain",)]
    assert (key.line, key.col) == position(UPDATES, "Domain=")
    assert key.end_col - key.col == len("Domain")


def test_spreads_helpers_and_methods():
    documents, problems = parse(SPREAD_AND_HELPER)
    assert problems == []
    method, helper = documents  # in the order of the calls
    assert method.data == {
        "ModelPackageGroupName": "customer-churn",
        "ModelApprovalStatus": "PendingManualApproval",
        "Task": "CLASSIFICATION",
        "Domain": "MACHINE_LEARNING",
    }
    assert isinstance(helper.data["ModelPackageDescription"], Unknown)  # a parameter
    assert helper.data["ModelPackageGroupName"] == "customer-churn"
    spec = helper.data["InferenceSpecification"]
    assert spec["SupportedContentTypes"] == ["text/csv"]
    key = helper.keys[("InferenceSpecification", "SupportedContentTypes")]
    assert (key.line, key.col) == position(SPREAD_AND_HELPER, '"SupportedContentTypes"')
    group = helper.keys[("ModelPackageGroupName",)]
    assert (group.line, group.col) == position(SPREAD_AND_HELPER, '"ModelPackageGroupName"')


def test_keys_set_on_some_paths_are_unknown_not_missing():
    (document,), problems = parse(BRANCHES)
    assert problems == []
    data = document.data
    for key in ("ModelPackageGroupName", "ModelPackageName", "ModelApprovalStatus"):
        assert isinstance(data[key], Unknown), key
    assert isinstance(data["CustomerMetadataProperties"], Unknown)
    assert isinstance(data["SamplePayloadUrl"], Unknown)
    key = document.keys[("ModelPackageGroupName",)]
    assert (key.line, key.col) == position(BRANCHES, '"ModelPackageGroupName"')


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("def f(sm, path):\n    sm.create_model_package(**json.load(open(path)))\n", "json.load"),
        ("def f(sm, request):\n    sm.create_model_package(**request)\n", "parameter of f()"),
        ("def f(self):\n    self.sm.create_model_package(**self.request)\n", "self.request"),
        (
            "def f(sm):\n    request = {'ModelPackageGroupName': 'g'}\n    add_tags(request)\n"
            "    sm.create_model_package(**request)\n",
            "passed to add_tags()",
        ),
        (
            "def f(sm, extra):\n    request = {}\n    for key in extra:\n"
            "        request[key] = extra[key]\n    sm.create_model_package(**request)\n",
            "computed key",
        ),
        (
            "def f(sm):\n    request = {'ModelPackageGroupName': 'g'}\n    alias = request\n"
            "    sm.create_model_package(**request)\n",
            "another name",
        ),
        (
            "def f(sm, flag):\n    request = {}\n    if flag:\n        request = load()\n"
            "    sm.create_model_package(**request)\n",
            "on some paths",
        ),
        ("from config import REQUEST\nsm.create_model_package(**REQUEST)\n", "not bound"),
        (
            "def build():\n    return load()\nsm.create_model_package(**build())\n",
            "result of load()",
        ),
    ],
    ids=[
        "json",
        "parameter",
        "attribute",
        "escapes",
        "computed-key",
        "alias",
        "rebound",
        "imported",
        "helper-returns-unknown",
    ],
)
def test_requests_decided_at_run_time_are_a_note(code, reason):
    documents, problems = parse(code)
    assert documents == []
    (problem,) = problems
    assert problem.kind is Kind.REQUEST_DECIDED_AT_RUN_TIME
    assert problem.quiet_in_scans
    assert reason in problem.message, problem.message
    assert (problem.span.line, problem.span.col) == position(code, "**")


DEFECTS = {
    # file name: (text, rule, the text the finding points at, nth occurrence)
    "item.py": (
        ITEM_ASSIGNMENT.replace('= "PendingManualApproval"', '= "approved"'),
        "MP104",
        '"approved"',
    ),
    "update.py": (
        UPDATES.replace('Domain="MACHINE_LEARNING"', 'Domain="MACHINE_LEARNING", Tsk="X"'),
        "MP101",
        "Tsk=",
    ),
    "helper.py": (
        SPREAD_AND_HELPER.replace('"Containers": [{"Image"', '"Containers": [{"image"'),
        "MP101",
        '"image"',
    ),
    "nested.py": (
        ITEM_ASSIGNMENT.replace('["ml.m5.large"]', '["ml.m5.superlarge"]'),
        "MP104",
        '"ml.m5.superlarge"',
    ),
}


def test_one_defect_per_pattern_points_at_the_users_text(mplint, write, tmp_path):
    for name, (text, _, _) in DEFECTS.items():
        write(f"defects/{name}", text)
    for name, text in {"item": ITEM_ASSIGNMENT, "update": UPDATES, "spread": SPREAD_AND_HELPER,
                       "branches": BRANCHES}.items():  # fmt: skip
        write(f"valid/{name}.py", text)
    result = mplint("check", "--python", "-f", "json", "--select", "MP1,MP0,MP2", ".", cwd=tmp_path)
    findings = result.findings()
    for name, (text, rule, needle) in DEFECTS.items():
        found = [f for f in findings if f["file"] == f"defects/{name}"]
        assert [f["rule"] for f in found] == [rule], (name, found)
        assert at(found[0]) == position(text, needle), name
    assert [f for f in findings if f["file"].startswith("valid/")] == []
    # a versioned-or-not choice made on a branch is no MP210 (neither name given)
    assert not by_rule(findings, "MP210")


def test_keywords_mixed_with_a_followed_dict_and_duplicates(mplint, write):
    text = f"""\
    IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1.4"


    def register(sm):
        request = {{"ModelPackageGroupName": "churn", "ModelApprovalStatus": "Approved"}}
        request["InferenceSpecification"] = {{"Containers": [{CONTAINER}]}}
        sm.create_model_package(**request, ModelApprovalStatus="Rejected")
    """
    path = write("mixed.py", text)
    result = mplint("check", "--python", "-f", "json", str(path))
    text = textwrap.dedent(text)
    (duplicate,) = by_rule(result.findings(), "MP003")
    assert at(duplicate) == position(text, "ModelApprovalStatus=")
    assert "first given at line 5" in duplicate["message"]


def test_named_file_with_a_request_decided_at_run_time_is_a_note(mplint, write, tmp_path):
    text = """\
    import json

    import boto3


    def main(path):
        with open(path) as handle:
            boto3.client("sagemaker").create_model_package(**json.load(handle))
    """
    path = write("repo/register_from_json.py", text)
    write("repo/commented.py", "# sm.create_model_package(**request)\nprint('off')\n")
    named = mplint("check", "--python", "-f", "json", str(path))
    assert named.code == 0
    (note,) = named.findings()
    assert (note["rule"], note["level"]) == ("MP709", "note")
    assert at(note) == position(textwrap.dedent(text), "**json")
    scan = mplint("check", "--python", "-f", "json", "repo", cwd=tmp_path)
    assert scan.code == 0
    assert scan.findings() == []
    statuses = {f["file"].rsplit("/", 1)[-1]: f["status"] for f in scan.json()["files"]}
    assert statuses == {"register_from_json.py": "skipped", "commented.py": "skipped"}
    # a commented-out call is not a call: named, the file holds no request (MP004)
    commented = mplint("check", "--python", "-f", "json", str(tmp_path / "repo" / "commented.py"))
    assert commented.rules() == ["MP004"]


@pytest.mark.parametrize("end", ["\r", "\r\n"], ids=["cr", "crlf"])
def test_line_ends_of_every_kind_find_the_call(end):
    text = end.join(
        [
            "import boto3",
            "",
            "def f(sm):",
            "    request = {'ModelApprovalStatus': 'Approved'}",
            "    sm.create_model_package(**request)",
            "",
        ]
    )
    (document,), problems = python_code.parse(text)
    assert (document.line, document.data, problems) == (5, {"ModelApprovalStatus": "Approved"}, [])


def test_a_file_too_large_to_follow_is_a_note(monkeypatch):
    from mplint.sources import python_dicts

    monkeypatch.setattr(python_dicts, "_BUDGET", 50)  # statements replayed per file
    lines = ["def f(sm):", "    r = {}"] + [f"    r['K{i}'] = {i}" for i in range(100)]
    text = "\n".join(lines + ["    sm.create_model_package(**r)", ""])
    documents, (problem,) = python_code.parse(text)
    assert documents == []
    assert (problem.kind, problem.span.line) == (Kind.REQUEST_DECIDED_AT_RUN_TIME, 103)
    assert "too large" in problem.message


# The shape of AWS's model registry sample notebooks (exported as a script): a list item
# completed by index, then the inference specification merged into the request.
AWS_SAMPLE = """\
import boto3

sm_client = boto3.client("sagemaker")
model_package_group_name = "iris-classifier"
image_uri = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"

modelpackage_inference_specification = {
    "InferenceSpecification": {
        "Containers": [{"Image": image_uri}],
        "SupportedContentTypes": ["text/csv"],
        "SupportedResponseMIMETypes": ["text/csv"],
    }
}
# Specify the model source
model_url = "s3://acme-ml-artifacts/iris/model.tar.gz"
modelpackage_inference_specification["InferenceSpecification"]["Containers"][0]["ModelDataUrl"] = model_url

create_model_package_input_dict = {
    "ModelPackageGroupName": model_package_group_name,
    "ModelPackageDescription": "Model to detect 3 different types of irises",
    "ModelApprovalStatus": "PendingManualApproval",
}
create_model_package_input_dict.update(modelpackage_inference_specification)
create_model_package_response = sm_client.create_model_package(**create_model_package_input_dict)
"""


def test_aws_sample_list_items_completed_by_index():
    (document,), problems = parse(AWS_SAMPLE)
    assert problems == []
    (container,) = document.data["InferenceSpecification"]["Containers"]
    assert set(container) == {"Image", "ModelDataUrl"}
    assert isinstance(container["ModelDataUrl"], Unknown)  # a name: an unknown value
    path = ("InferenceSpecification", "Containers", 0, "ModelDataUrl")
    assert (document.keys[path].line, document.keys[path].col) == position(
        AWS_SAMPLE, '"ModelDataUrl"'
    )
    assert document.data["ModelApprovalStatus"] == "PendingManualApproval"


@pytest.mark.parametrize(
    ("change", "rule", "needle"),
    [
        (
            ('"PendingManualApproval"', '"PendingApproval"'),
            "MP104",
            '"PendingApproval"',
        ),
        (
            ("= model_url", '= "models/iris/model.tar.gz"'),
            "MP107",
            '"models/iris/model.tar.gz"',
        ),
        (
            ('"Containers": [{"Image": image_uri}]', '"Containers": [{"Image": image_uri}, {}]'),
            "MP610",  # the API reference requires a container's Image
            "{}",
        ),
    ],
    ids=["literal", "by-index", "second-item"],
)
def test_aws_sample_one_defect(mplint, write, change, rule, needle):
    text = AWS_SAMPLE.replace(*change)
    path = write("register.py", text)
    result = mplint("check", "--python", "-f", "json", "--select", "MP1,MP610", str(path))
    (finding,) = result.findings()
    assert finding["rule"] == rule
    assert at(finding) == position(text, needle)


def test_list_changes_mplint_does_not_follow_make_the_list_unknown():
    text = textwrap.dedent(
        """\
        def f(sm, extra_tag):
            request = {"ModelPackageName": "p", "Tags": [{"Key": "a", "Value": "b"}]}
            request["Tags"].append(extra_tag)
            request["Tags"][0]["Value"] = "c"  # under an unknown list: not followed
            sm.create_model_package(**request)
        """
    )
    (document,), problems = parse(text)
    assert problems == []
    assert isinstance(document.data["Tags"], Unknown)
    assert document.data["ModelPackageName"] == "p"


def test_a_key_set_by_unpacking_is_not_followed():
    text = "def f(sm):\n    r = {'ModelPackageName': 'p'}\n    a, r['Domain'] = 1, 2\n"
    text += "    sm.create_model_package(**r)\n"
    documents, (problem,) = python_code.parse(text)
    assert documents == [] and problem.kind is Kind.REQUEST_DECIDED_AT_RUN_TIME
    assert "unpacked" in problem.message
