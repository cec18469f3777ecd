using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace NPCS.Reviews.Web.Infrastructure;

/// <summary>
/// The one convention that ties a field to its message: the message element of the field named
/// <c>Data.CaseReference</c> has the id <c>Data_CaseReference-error</c> (the field's id, then "-error").
/// </summary>
public static class FieldErrors
{
    public static string MessageId(string fieldName) => TagBuilder.CreateSanitizedId(fieldName, "_") + "-error";

    /// <summary>The attribute's value as written in the page, whichever form Razor gave it.</summary>
    public static string? Text(TagHelperAttribute? attribute)
    {
        switch (attribute?.Value)
        {
            case null:
                return null;
            case string text:
                return text;
            case IHtmlContent html:
                using (var writer = new StringWriter())
                {
                    html.WriteTo(writer, HtmlEncoder.Default);
                    return writer.ToString();
                }

            default:
                return attribute.Value.ToString();
        }
    }
}

/// <summary>
/// Announces a field's error without script: every form control whose name has errors in the
/// ModelState gets <c>aria-invalid="true"</c> and its message's id added to <c>aria-describedby</c>
/// (after any hint ids already there). It runs after ASP.NET Core's own tag helpers, so it sees the
/// name that <c>asp-for</c> generated as well as one written by hand (radio groups, checkbox lists).
/// </summary>
[HtmlTargetElement("input")]
[HtmlTargetElement("select")]
[HtmlTargetElement("textarea")]
public sealed class FieldErrorAriaTagHelper : TagHelper
{
    private static readonly HashSet<string> NotFields = new(StringComparer.OrdinalIgnoreCase) { "hidden", "submit", "button", "reset", "image" };

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    /// <summary>After the built-in input, select and textarea tag helpers (order 0 and -1000).</summary>
    public override int Order => 100;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var name = FieldErrors.Text(output.Attributes["name"]);
        if (string.IsNullOrEmpty(name) || NotFields.Contains(FieldErrors.Text(output.Attributes["type"]) ?? string.Empty))
        {
            return;
        }

        if (!ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) || entry.Errors.Count == 0)
        {
            return;
        }

        output.Attributes.SetAttribute("aria-invalid", "true");
        var messageId = FieldErrors.MessageId(name);
        var described = (FieldErrors.Text(output.Attributes["aria-describedby"]) ?? string.Empty)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToList();
        if (!described.Contains(messageId, StringComparer.Ordinal))
        {
            described.Add(messageId);
        }

        output.Attributes.SetAttribute("aria-describedby", string.Join(' ', described));
    }
}

/// <summary>Gives every <c>asp-validation-for</c> message the id <see cref="FieldErrorAriaTagHelper"/> points its field at, unless the page chose one.</summary>
[HtmlTargetElement("span", Attributes = "asp-validation-for")]
public sealed class FieldErrorMessageIdTagHelper : TagHelper
{
    /// <summary>After the built-in validation-message tag helper, which writes <c>data-valmsg-for</c>.</summary>
    public override int Order => 100;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.Attributes.ContainsName("id") || FieldErrors.Text(output.Attributes["data-valmsg-for"]) is not { Length: > 0 } name)
        {
            return;
        }

        output.Attributes.SetAttribute("id", FieldErrors.MessageId(name));
    }
}
