"""PDF documents that any app may render (info pack, certificates): a template and its print stylesheet
through WeasyPrint, and the download response."""

from django.http import HttpResponse
from django.template.loader import render_to_string


def render_pdf(template_name, context, *, stylesheet=None):
    """The template rendered to PDF bytes; `stylesheet` is a Path to a CSS file for print."""
    from weasyprint import CSS, HTML  # imported here: loading Pango costs time that most requests don't need

    html = render_to_string(template_name, context)
    sheets = [CSS(string=stylesheet.read_text())] if stylesheet else []
    return HTML(string=html).write_pdf(stylesheets=sheets)


def pdf_response(pdf, filename, *, inline=False):
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
