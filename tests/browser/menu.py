"""Going to an organiser tool as a person does: through the edition menu, opening the tool's group first
when the tool is not in the row of the current page's group."""


def open_tool(page, name, *, exact=False):
    menu = page.get_by_role("navigation", name="Edition menu")
    link = menu.get_by_role("link", name=name, exact=exact, include_hidden=True)
    if not link.is_visible():
        menu.locator("details").filter(has=link).locator("summary").click()
    link.click()
