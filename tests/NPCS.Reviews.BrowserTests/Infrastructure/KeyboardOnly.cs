using Microsoft.Playwright;

namespace NPCS.Reviews.BrowserTests.Infrastructure;

/// <summary>
/// Drives a page with the keys the issue allows: Tab, Shift+Tab, Enter and Space, and typing text
/// into the focused field. Controls are found by tabbing to them (so reaching them is proved, within
/// a bound), never clicked or filled. Two choices the keys force, both the browser's own behaviour:
/// a native select takes its option from the letters typed while it has focus (Chromium's type-ahead),
/// and Tab enters a radio group on its checked radio, or its first when none is checked (moving within
/// the group is done with the arrow keys, which are not used here), where Space selects it.
/// </summary>
public static class KeyboardOnly
{
    /// <summary>Enough for the longest form (the intake, with its date fields' month, day and year parts).</summary>
    public const int MaxPresses = 120;

    /// <summary>
    /// Presses Tab until <paramref name="target"/> has focus, or Shift+Tab when it comes before the
    /// focused element; fails when it is not reached within <paramref name="bound"/> presses.
    /// </summary>
    public static async Task TabToAsync(IPage page, ILocator target, string what, int bound = MaxPresses)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(target);
        var backwards = await target.EvaluateAsync<bool>(
            """
            e => {
                const a = document.activeElement;
                if (!a || a === document.body || a === e) { return false; }
                const position = e.compareDocumentPosition(a);
                return (position & Node.DOCUMENT_POSITION_FOLLOWING) !== 0 && (position & Node.DOCUMENT_POSITION_CONTAINED_BY) === 0;
            }
            """);
        var key = backwards ? "Shift+Tab" : "Tab";
        for (var presses = 0; presses <= bound; presses++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                await AssertFocusVisibleAsync(page, what);
                return;
            }

            await page.Keyboard.PressAsync(key);
        }

        Assert.Fail($"{what} was not reached with {bound} presses of {key}; focus is on {await DescribeFocusAsync(page)}.");
    }

    /// <summary>Tabs to a field and types into it (text, digits of a date, or the first letters of a select's option).</summary>
    public static async Task TypeAsync(IPage page, ILocator field, string what, string text)
    {
        await TabToAsync(page, field, what);
        await page.Keyboard.TypeAsync(text);
    }

    /// <summary>Tabs to a checkbox or radio and presses Space (ticks a box, selects a radio).</summary>
    public static async Task TickAsync(IPage page, ILocator box, string what)
    {
        await TabToAsync(page, box, what);
        await page.Keyboard.PressAsync("Space");
    }

    /// <summary>Tabs to a button or link and presses Enter.</summary>
    public static async Task PressAsync(IPage page, ILocator control, string what)
    {
        await TabToAsync(page, control, what);
        await page.Keyboard.PressAsync("Enter");
    }

    /// <summary>Focus is on an element (not the body, not nowhere) and that element shows a focus ring: an outline at least 2px wide.</summary>
    public static async Task AssertFocusVisibleAsync(IPage page, string when)
    {
        ArgumentNullException.ThrowIfNull(page);
        var focus = await page.EvaluateAsync<string[]>("""
            () => {
                const e = document.activeElement;
                if (!e || e === document.body || e === document.documentElement) {
                    return ["", "none", "0px", "none"];
                }
                const s = getComputedStyle(e);
                return [e.tagName.toLowerCase() + (e.id ? "#" + e.id : ""), s.outlineStyle, s.outlineWidth, s.boxShadow];
            }
            """);
        var (element, outlineStyle, outlineWidth, boxShadow) = (focus[0], focus[1], focus[2], focus[3]);
        Assert.True(element.Length > 0, $"{when}: focus is lost (on the body).");
        // The app's ring is a 3px outline; Bootstrap's faint glow (a box shadow, outline 0) is not enough on its own.
        var width = double.Parse(outlineWidth.Replace("px", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(outlineStyle != "none" && width >= 2, $"{when}: {element} has focus but no clear focus ring (outline {outlineStyle} {outlineWidth}, box-shadow {boxShadow}).");
    }

    private static Task<string> DescribeFocusAsync(IPage page) =>
        page.EvaluateAsync<string>("() => { const e = document.activeElement; return e ? e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' + (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 60) : 'nothing'; }");
}
