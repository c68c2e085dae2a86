"""register() calls whose request mplint derives from this text (tests/test_sources_sdk.py).

capture_register.py runs them with the SageMaker Python SDK against a stub client and records
the CreateModelPackage requests the SDK sends; the test compares them with what
`mplint check --python` reads here. Keep one register() call per case, in order.
"""

IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"


def register_all(model):
    # a versioned package with most of the keywords
    model.register(
        content_types=["text/csv"],
        response_types=["text/csv", "application/json"],
        inference_instances=["ml.m5.large", "ml.m5.xlarge"],
        transform_instances=["ml.m5.xlarge"],
        model_package_group_name="customer-churn",
        approval_status="Approved",
        description="Churn classifier, weekly retrain",
        customer_metadata_properties={"team": "growth", "run": "2026-12-01"},
        domain="MACHINE_LEARNING",
        task="CLASSIFICATION",
        sample_payload_url="s3://acme-ml-artifacts/churn/sample.tar.gz",
        framework="XGBOOST",
        framework_version="1.7",
        nearest_model_name="xgboost-1.7",
        skip_model_validation="All",
    )
    # an unversioned package (for AWS Marketplace)
    model.register(
        ["text/csv"],
        ["text/csv"],
        ["ml.m5.large"],
        ["ml.m5.large"],
        model_package_name="churn-marketplace",
        marketplace_cert=True,
        description="Churn classifier",
    )
    # the fewest keywords: the SDK fills in the rest
    model.register(
        content_types=["text/csv"],
        response_types=["text/csv"],
        model_package_group_name="customer-churn",
    )
    # no group and no name: the SDK registers to a group named after the image
    model.register(
        content_types=["application/x-npy"],
        response_types=["application/json"],
        inference_instances=["ml.g5.xlarge"],
        image_uri=IMAGE,
        approval_status="PendingManualApproval",
        validation_specification={
            "ValidationRole": "arn:aws:iam::123456789012:role/Validation",
            "ValidationProfiles": [
                {
                    "ProfileName": "smoke",
                    "TransformJobDefinition": {
                        "TransformInput": {
                            "DataSource": {
                                "S3DataSource": {
                                    "S3DataType": "S3Prefix",
                                    "S3Uri": "s3://acme-ml-data/churn/validation/",
                                }
                            }
                        },
                        "TransformOutput": {"S3OutputPath": "s3://acme-ml-artifacts/validation/"},
                        "TransformResources": {"InstanceType": "ml.m5.large", "InstanceCount": 1},
                    },
                }
            ],
        },
    )
    # keyword arguments built as a dict
    arguments = {
        "content_types": ["text/csv"],
        "response_types": ["text/csv"],
        "model_package_group_name": "customer-churn",
    }
    arguments["transform_instances"] = ["ml.c5.xlarge"]
    arguments.update(description="from a dict", domain="MACHINE_LEARNING")
    model.register(**arguments)


def pipeline_steps(model, ModelStep, RegisterModel):
    """Pipeline steps; `model` is built on a PipelineSession (the SDK edits these requests)."""
    return [
        ModelStep(
            name="RegisterChurn",
            step_args=model.register(
                content_types=["text/csv"],
                response_types=["text/csv"],
                inference_instances=["ml.m5.large"],
                model_package_group_name="customer-churn",
                marketplace_cert=True,
                task="CLASSIFICATION",
            ),
        ),
        RegisterModel(
            name="RegisterChurnV2",
            model=model,
            content_types=["text/csv"],
            response_types=["application/json"],
            inference_instances=["ml.m5.large"],
            transform_instances=["ml.m5.xlarge"],
            model_package_group_name="customer-churn",
            description="registered by the v2 step collection",
            tags=[{"Key": "team", "Value": "growth"}],
        ),
    ]
