"""Small helpers shared by the participation views."""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.urls import reverse

from academy.pdf import pdf_response

from .. import uploads


def file_download(stored_name, original_name, kind):
    """Serve a stored upload as an attachment, under the sanitised name its owner gave it."""
    if not stored_name:
        raise Http404
    try:
        handle = default_storage.open(stored_name, "rb")
    except FileNotFoundError as error:
        raise Http404 from error
    content_type = uploads.KINDS.get(kind, ("", "application/octet-stream"))[1]
    return FileResponse(handle, as_attachment=True, filename=original_name, content_type=content_type)


def pdf_download(pdf, filename):
    return pdf_response(pdf, filename)


def add_errors(form, error):
    """Show a service's ValidationError on the form: on the field it names, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        for e in errors:
            form.add_error(name if name in form.fields else None, e)


def url_prefix(name, *args):
    """The address of `name` for object 0 without the trailing "0/": long tables append each pk to it
    instead of reversing a URL per row."""
    return reverse(name, args=[*args, 0]).removesuffix("0/")
