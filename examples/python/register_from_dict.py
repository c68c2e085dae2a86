"""Register a retrained model: the request is built as a dict and passed with **.

mplint follows the dict (docs/python.md) and finds the misspelt Task value it ends up with.
"""

import logging

import boto3

LOG = logging.getLogger(__name__)
GROUP = "customer-churn"
BASE = {"ModelPackageGroupName": GROUP, "ModelApprovalStatus": "PendingManualApproval"}


def inference_specification(image: str, model_data_url: str) -> dict:
    return {
        "Containers": [{"Image": image, "ModelDataUrl": model_data_url}],
        "SupportedContentTypes": ["text/csv"],
        "SupportedResponseMIMETypes": ["text/csv"],
    }


def register(image: str, model_data_url: str, metrics_url: str, approve: bool) -> str:
    request = {**BASE, "ModelPackageDescription": "Churn classifier, weekly retrain"}
    request["InferenceSpecification"] = inference_specification(image, model_data_url)
    request["InferenceSpecification"]["SupportedTransformInstanceTypes"] = ["ml.m5.xlarge"]
    request.update(Domain="MACHINE_LEARNING", Task="CLASIFICATION")
    request["ModelMetrics"] = {
        "ModelQuality": {"Statistics": {"ContentType": "application/json", "S3Uri": metrics_url}}
    }
    if approve:  # set on some paths only: unknown, never reported
        request["ModelApprovalStatus"] = "Approved"
    LOG.info("registering %s", request)
    response = boto3.client("sagemaker").create_model_package(**request)
    return response["ModelPackageArn"]
