"""Python code: the request the SageMaker Python SDK builds from `register(...)` calls.

`Model.register(...)`, `PipelineModel.register(...)`, `Estimator.register(...)` (also
through `ModelStep(step_args=model.register(...))`) and the SDK v2 step collection
`RegisterModel(...)` all end in the SDK's `get_create_model_package_request`. This module
maps their keyword arguments to that request exactly as the SDK does, read from the source
of one pinned version (SDK_VERSION; docs/python.md has the table). The SDK is never
imported: calls are recognised by their shape, conservatively, because `register` is a
common method name (`dp.message.register(handler, content_types=...)` in chat-bot
frameworks): a call counts only when it passes a keyword that only the SDK uses.

What the SDK fills in itself is not the user's text and is left out of the request (the
approval status default, `CertifyForMarketplace: false`, `SkipModelValidation: "None"`) or
made Unknown (the containers built from the Model object, a group named after the image),
so that no rule reports it.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass

from mplint.model import MaybeAbsent, Span, Unknown
from mplint.sources import python_dicts

SDK_VERSION = "2.257.7"  # sagemaker/model.py register(), sagemaker/session.py, workflow/

# Keywords of register() / RegisterModel that no unrelated `register` is likely to take.
SDK_ONLY = frozenset(
    {
        "model_package_group_name",
        "model_package_name",
        "inference_instances",
        "transform_instances",
        "response_types",
    }
)
# Keywords that make a register(..., **arguments) call the SDK's even when the arguments
# that would prove it are in a dict mplint cannot follow.
_SDK_HINTS = SDK_ONLY | {
    "approval_status", "customer_metadata_properties", "model_metrics",
    "drift_check_baselines", "marketplace_cert", "skip_model_validation", "sample_payload_url",
}  # fmt: skip
METHOD = "register"
STEP_COLLECTION = "RegisterModel"
MODEL_STEP = "ModelStep"

# The positional parameters every register() shares, and those of RegisterModel.__init__.
_REGISTER_POSITIONAL = ("content_types", "response_types", "inference_instances",
                        "transform_instances")  # fmt: skip
_REGISTER_MODEL_POSITIONAL = ("name",) + _REGISTER_POSITIONAL

# keyword -> request member, in the order get_create_model_package_request writes them.
TOP_LEVEL = (
    ("model_package_name", "ModelPackageName"),
    ("model_package_group_name", "ModelPackageGroupName"),
    ("description", "ModelPackageDescription"),
    ("tags", "Tags"),  # RegisterModel only (register() has no tags)
    ("model_metrics", "ModelMetrics"),
    ("drift_check_baselines", "DriftCheckBaselines"),
    ("metadata_properties", "MetadataProperties"),
    ("customer_metadata_properties", "CustomerMetadataProperties"),
    ("validation_specification", "ValidationSpecification"),
    ("domain", "Domain"),
    ("sample_payload_url", "SamplePayloadUrl"),
    ("task", "Task"),
    ("source_uri", "SourceUri"),
)
INFERENCE = (
    ("content_types", "SupportedContentTypes"),
    ("response_types", "SupportedResponseMIMETypes"),
    ("inference_instances", "SupportedRealtimeInferenceInstanceTypes"),
    ("transform_instances", "SupportedTransformInstanceTypes"),
)
# Added to the container by update_container_with_inference_params (versioned packages only).
CONTAINER = (
    ("framework", "Framework"),
    ("framework_version", "FrameworkVersion"),
    ("nearest_model_name", "NearestModelName"),
)
TAIL = (
    ("marketplace_cert", "CertifyForMarketplace"),  # removed from pipeline steps by the SDK
    ("approval_status", "ModelApprovalStatus"),
    ("skip_model_validation", "SkipModelValidation"),
    ("model_card", "ModelCard"),
    ("model_life_cycle", "ModelLifeCycle"),
    ("model_package_registration_type", "ModelPackageRegistrationType"),
)
# Removed from the request by _RegisterModelStep.arguments (pipelines).
PIPELINE_REMOVES = frozenset({"CertifyForMarketplace", "ModelPackageName"})


@dataclass(slots=True)
class Argument:
    """One argument of the call: where its name (or the value) is written, and its value."""

    key: Span
    value: ast.AST | python_dicts.DictValue | python_dicts.Opaque


def is_candidate(call: ast.Call) -> bool:
    """`x.register(...)` or `RegisterModel(...)` (the keywords are checked when reading)."""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    return name == STEP_COLLECTION or (name == METHOD and isinstance(func, ast.Attribute))


def mentions(text: str) -> bool:
    """The cheap text test of directory scans."""
    return ("register(" in text or "RegisterModel(" in text) and any(
        keyword in text for keyword in _SDK_HINTS
    )


def arguments(call: ast.Call, resolver: python_dicts.Resolver) -> dict[str, Argument] | None:
    """The SDK arguments of the call by name, or None when it is not an SDK call (no
    SDK-only keyword). Unresolvable: an SDK call that also passes `**arguments` that mplint
    cannot follow."""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    positional = _REGISTER_MODEL_POSITIONAL if name == STEP_COLLECTION else _REGISTER_POSITIONAL
    if len(call.args) > len(positional) or any(isinstance(a, ast.Starred) for a in call.args):
        return None
    found: dict[str, Argument] = {}
    for parameter, node in zip(positional, call.args, strict=False):
        found[parameter] = Argument(resolver.span(node), node)
    for keyword in call.keywords:
        if keyword.arg is not None:
            found[keyword.arg] = Argument(resolver.keyword_span(keyword), keyword.value)
            continue
        try:
            followed = resolver.resolve(keyword.value, call)
        except python_dicts.Unresolvable:
            if _SDK_HINTS & {k.arg for k in call.keywords}:
                raise  # an SDK call whose other arguments mplint cannot see: a note
            return None  # not even sure it is the SDK's register: say nothing
        for key, entry in followed.entries.items():
            found[key] = Argument(entry.key, entry.value)
    if not SDK_ONLY & found.keys():
        return None
    return found


def in_pipeline(call: ast.Call, parent: Callable[[ast.AST], ast.AST | None]) -> bool:
    """RegisterModel, or register() whose result is a ModelStep's step_args (directly, or
    through a name of the same scope): the SDK then edits the request for the pipeline."""
    func = call.func
    if (
        func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    ) == STEP_COLLECTION:
        return True
    holder = parent(call)
    if isinstance(holder, ast.keyword) and holder.arg == "step_args":
        return True
    if isinstance(holder, ast.Assign) and len(holder.targets) == 1:
        target = holder.targets[0]
        scope = parent(holder)
        if isinstance(target, ast.Name) and scope is not None:
            for node in ast.walk(scope):
                if (
                    isinstance(node, ast.keyword)
                    and node.arg == "step_args"
                    and isinstance(node.value, ast.Name)
                    and node.value.id == target.id
                ):
                    return True
    return False


class RequestBuilder:
    """Writes the request of one SDK call through the source's `place` (which keeps the
    positions): `place(target, key, argument, path)`."""

    def __init__(
        self,
        place: Callable[[dict, str, python_dicts.Entry, tuple], None],
        values: dict,
        call_span: Span,
    ) -> None:
        self.place = place
        self.values = values
        self.call_span = call_span

    def build(self, found: dict[str, Argument], pipeline: bool, collection: bool) -> dict:
        """`collection`: RegisterModel (whose other keywords go to create_model, and which
        names no group of its own); `pipeline`: the SDK edits the request for a pipeline."""
        given = {name: arg for name, arg in found.items() if not _is_none(arg.value)}
        if collection:
            given.pop("model_package_name", None)  # a create_model() argument there
            given.pop("marketplace_cert", None)
        else:
            given.pop("tags", None)  # register() has no tags (Python would refuse the call)
        request: dict = {}
        group, name = "model_package_group_name" in given, "model_package_name" in given
        if not group and not name and not collection:
            # register() registers to a group it names after the image (base_name_from_image)
            request["ModelPackageGroupName"] = Unknown("a group named after the image")
            self.values[("ModelPackageGroupName",)] = self.call_span
            group = True
        for parameter, member in TOP_LEVEL:
            if parameter in given:
                self._put(request, member, given[parameter], ())
        request["InferenceSpecification"] = self._inference(given, versioned=group)
        for parameter, member in TAIL:
            if parameter in given and not (pipeline and member in PIPELINE_REMOVES):
                self._put(request, member, given[parameter], ())
        if pipeline:
            for member in PIPELINE_REMOVES:
                request.pop(member, None)
        return request

    def _inference(self, given: dict[str, Argument], versioned: bool) -> dict:
        path = ("InferenceSpecification",)
        self.values[path] = self.call_span
        container: dict = {}
        self.values[path + ("Containers",)] = self.call_span
        self.values[path + ("Containers", 0)] = self.call_span
        inside = path + ("Containers", 0)
        if "image_uri" in given:
            self._put(container, "Image", given["image_uri"], inside)
        else:
            container["Image"] = Unknown("the image of the model object")
            self.values[inside + ("Image",)] = self.call_span
        container["ModelDataUrl"] = MaybeAbsent("the artifacts of the model object")
        self.values[inside + ("ModelDataUrl",)] = self.call_span
        if versioned:
            for parameter, member in CONTAINER:
                if parameter in given:
                    self._put(container, member, given[parameter], inside)
            if "data_input_configuration" in given:
                self.values[inside + ("ModelInput",)] = self.call_span
                model_input: dict = {}
                container["ModelInput"] = model_input
                self._put(
                    model_input, "DataInputConfig", given["data_input_configuration"],
                    inside + ("ModelInput",),
                )  # fmt: skip
        specification: dict = {"Containers": Unknown("the containers of the model object")}
        if len(container) > 2 or "image_uri" in given:
            specification["Containers"] = [container]
        for parameter, member in INFERENCE:
            if parameter in given:
                self._put(specification, member, given[parameter], path)
        return specification

    def _put(self, target: dict, member: str, argument: Argument, path: tuple) -> None:
        self.place(target, member, python_dicts.Entry(argument.key, argument.value), path)


def _is_none(value: object) -> bool:
    return isinstance(value, ast.Constant) and value.value is None
