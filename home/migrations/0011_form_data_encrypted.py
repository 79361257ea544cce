"""The public forms' submissions saved before their personal fields were encrypted get them encrypted
(with the first key of FORM_DATA_KEY); reversed, they are decrypted again. Running it twice changes nothing."""

from django.db import migrations

from home.personal_data import decrypt_fields, encrypt_fields

# The public forms' personal fields when this migration was written (home.personal_data.PERSONAL_FIELDS).
PERSONAL_FIELDS = ("full_name", "document_number", "email", "phone")


def rewrite(apps, change):
    # Every submission: the handled forms are the project's only form pages (a lower app cannot name them).
    FormSubmission = apps.get_model("wagtailforms", "FormSubmission")
    for submission in FormSubmission.objects.only("form_data").iterator(chunk_size=500):
        data = change(submission.form_data)
        if data != submission.form_data:
            submission.form_data = data
            submission.save(update_fields=["form_data"])


def encrypt_personal_fields(apps, schema_editor):
    rewrite(apps, lambda data: encrypt_fields(data, PERSONAL_FIELDS))


def decrypt_personal_fields(apps, schema_editor):
    rewrite(apps, decrypt_fields)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0010_editorial_four_eyes"),
        ("wagtailforms", "0005_alter_formsubmission_form_data"),
    ]

    operations = [
        migrations.CreateModel(
            name="PersonalFormSubmission",
            fields=[],
            options={
                "verbose_name": "form submission",
                "verbose_name_plural": "form submissions",
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("wagtailforms.formsubmission",),
        ),
        migrations.RunPython(encrypt_personal_fields, decrypt_personal_fields),
    ]
