"""Checks that only make sense for one source (rules/MP7-sources.yaml).

They read `spec.raw`, the request as written (pipeline expressions, response members); the
`sources` of their rule entries keep them to the specs of their source.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mplint.checks import Violation, check
from mplint.model import Path, Spec
from mplint.sources import pipeline

# Arguments the SageMaker Python SDK removes from a RegisterModel step because the pipeline
# service does not accept them (sagemaker/workflow/_utils.py, _RegisterModelStep.arguments).
PIPELINE_REJECTED = ("CertifyForMarketplace",)


def _expressions(value: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Every `{"Get": "..."}` under `value`, with the path of its string."""
    if isinstance(value, dict):
        target = value.get("Get")
        if len(value) == 1 and isinstance(target, str):
            yield path + ("Get",), target
            return
        for key, item in value.items():
            yield from _expressions(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _expressions(item, path + (i,))


@check("pipeline-rejected-argument")
def pipeline_rejected_argument(spec: Spec, options: dict) -> Iterator[Violation]:
    if not isinstance(spec.raw, dict):
        return
    for name in PIPELINE_REJECTED:
        if name in spec.raw:
            yield Violation(
                (name,),
                f"{name} is not accepted in a RegisterModel step: the pipeline service rejects"
                " it (the SageMaker Python SDK removes it); set it after registration",
            )


@check("pipeline-model-package-name")
def pipeline_model_package_name(spec: Spec, options: dict) -> Iterator[Violation]:
    if not isinstance(spec.raw, dict):
        return
    if "ModelPackageName" in spec.raw:
        yield Violation(
            ("ModelPackageName",),
            "ModelPackageName in a RegisterModel step is replaced when the pipeline runs (the"
            " SageMaker Python SDK leaves it out unless PipelineDefinitionConfig"
            "(use_custom_job_prefix=True)); leave it out",
        )


@check("undefined-pipeline-parameter")
def undefined_pipeline_parameter(spec: Spec, options: dict) -> Iterator[Violation]:
    # bare steps (request_dicts()) come without the pipeline's parameters: not judged
    if not pipeline.is_definition(spec.document.data):
        return
    defined = pipeline.parameters(spec.document.data)
    for path, target in _expressions(spec.raw):
        if target.startswith("Parameters."):
            name = target[len("Parameters.") :]
            if name not in defined:
                known = ", ".join(sorted(defined)) or "none"
                yield Violation(
                    path,
                    f"'{target}' refers to a pipeline parameter that is not defined"
                    f" (parameters: {known})",
                    at_key=False,
                )


@check("undefined-pipeline-step")
def undefined_pipeline_step(spec: Spec, options: dict) -> Iterator[Violation]:
    # bare steps may refer to steps of the pipeline that are not in the file: not judged
    if not pipeline.is_definition(spec.document.data):
        return
    # A step's Name may be any value in a broken file (a list is unhashable): keep strings.
    names = {
        name
        for _, step in pipeline.steps(spec.document.data)
        if isinstance(name := step.get("Name"), str)
    }
    for path, target in _expressions(spec.raw):
        parts = target.split(".")
        if parts[0] == "Steps" and len(parts) > 1 and parts[1] not in names:
            yield Violation(
                path,
                f"'{target}' refers to step '{parts[1]}', which this pipeline does not have",
                at_key=False,
            )


@check("placeholder-parameter-default")
def placeholder_parameter_default(spec: Spec, options: dict) -> Iterator[Violation]:
    defined = pipeline.parameters(spec.document.data)
    noted: set[str] = set()  # one note per parameter, however often the step uses it
    for path, target in _expressions(spec.raw):
        name = target.removeprefix("Parameters.")
        if name == target or name in noted:
            continue
        default = defined.get(name, (0, {}))[1].get("DefaultValue")
        if pipeline.is_placeholder_default(default):
            noted.add(name)
            yield Violation(
                path[:-1],  # the expression, which the spec locates at the parameter's default
                f"the default of pipeline parameter '{name}' is a placeholder ('{default}'):"
                " every execution must override it (PipelineParameters of"
                " StartPipelineExecution), or the step sends it to CreateModelPackage as it is",
                at_key=False,
            )


@check("approved-without-validation")
def approved_without_validation(spec: Spec, options: dict) -> Iterator[Violation]:
    if not isinstance(spec.data, dict):
        return
    if spec.data.get("ModelApprovalStatus") == "Approved" and (
        spec.data.get("SkipModelValidation") == "All"
    ):
        yield Violation(
            ("SkipModelValidation",),
            "this registered package is Approved although its validation was skipped"
            " (SkipModelValidation: All)",
            at_key=False,
        )


@check("failed-status")
def failed_status(spec: Spec, options: dict) -> Iterator[Violation]:
    raw = spec.raw
    if not isinstance(raw, dict):
        return
    if raw.get("ModelPackageStatus") == "Failed":
        yield Violation(
            ("ModelPackageStatus",), "the model package is in status Failed", at_key=False
        )
    details = raw.get("ModelPackageStatusDetails")
    if not isinstance(details, dict):
        return
    for kind, noun in (("ValidationStatuses", "validation"), ("ImageScanStatuses", "image scan")):
        items = details.get(kind)
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and item.get("Status") == "Failed":
                reason = item.get("FailureReason")
                yield Violation(
                    ("ModelPackageStatusDetails", kind, i, "Status"),
                    f"{noun} '{item.get('Name', '?')}' failed"
                    + (f": {reason}" if isinstance(reason, str) and reason else ""),
                    at_key=False,
                )
