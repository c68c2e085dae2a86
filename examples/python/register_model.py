"""Register the churn model after training (run from CI). mplint reads it with --python."""

import boto3

GROUP = "customer-churn"


def register(model_data_url: str, image: str) -> str:
    sagemaker = boto3.client("sagemaker")
    response = sagemaker.create_model_package(
        ModelPackageGroupName=GROUP,
        ModelPackageDescription="Churn classifier — weekly retrain",
        ModelApprovalStatus="approved",
        InferenceSpecification={
            "Containers": [{"Image": image, "ModelDataUrl": model_data_url}],
            "SupportedContentTypes": ["text/csv"],
            "SupportedResponseMIMETypes": ["text/csv"],
            "SupportedRealtimeInferenceInstanceTypes": ["ml.m5.large"],
            "SupportedTransformInstanceTypes": ["ml.m5.xlarge"],
        },
        **{
            "CustomerMetadataProperties": {"owner": "growth-analytics"},
            "Tags": [dict(Key="team", Value="growth")],
        },
    )
    return response["ModelPackageArn"]
