using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace NPCS.Reviews.Web.Tests.Support;

/// <summary>A browser-like client: keeps cookies, reads pages with AngleSharp and submits real forms with their antiforgery tokens.</summary>
public sealed class AppClient(HttpClient http) : IDisposable
{
    public HttpClient Http { get; } = http;

    public async Task<HttpResponseMessage> SignInAsync(string email, string password)
    {
        var page = await GetPageAsync("/Account/Login");
        return await SubmitAsync(page, "form", new() { ["Input.Email"] = [email], ["Input.Password"] = [password] });
    }

    public async Task<IDocument> GetPageAsync(string url)
    {
        var response = await Http.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}.");
        return await ParseAsync(response);
    }

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(r => r.Content(html).Address(response.RequestMessage?.RequestUri?.ToString() ?? "https://localhost/"));
    }

    /// <summary>
    /// Submits the form the way a browser would: every field with its current value (checked boxes
    /// and radios only), then <paramref name="values"/> replace the values of the names they give.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitAsync(IDocument page, string formSelector, Dictionary<string, string[]>? values = null, string? submitterSelector = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        var form = page.QuerySelector<IHtmlFormElement>(formSelector) ?? throw new InvalidOperationException($"No form {formSelector}.");
        var fields = FormFields.Of(form);

        if (values is not null)
        {
            fields.RemoveAll(f => values.ContainsKey(f.Key));
            fields.AddRange(values.SelectMany(v => v.Value.Select(x => new KeyValuePair<string, string>(v.Key, x))));
        }

        var action = form.GetAttribute("action");
        if (submitterSelector is not null && page.QuerySelector(submitterSelector)?.GetAttribute("formaction") is { } formAction)
        {
            action = formAction;
        }

        var target = string.IsNullOrEmpty(action) ? new Uri(page.Url).PathAndQuery : action;
        using var content = new FormUrlEncodedContent(fields);
        return await Http.PostAsync(new Uri(target, UriKind.Relative), content);
    }

    /// <summary>
    /// Posts a file-upload form (multipart) as a browser would: its antiforgery token and, unless
    /// <paramref name="file"/> is null (no file chosen), the file under <paramref name="field"/>.
    /// </summary>
    public async Task<HttpResponseMessage> UploadAsync(IDocument page, string field, string fileName, string contentType, byte[]? file)
    {
        ArgumentNullException.ThrowIfNull(page);
        var form = page.QuerySelector("form[enctype='multipart/form-data']") ?? throw new InvalidOperationException("No upload form.");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!), "__RequestVerificationToken" },
        };
        if (file is not null)
        {
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
            content.Add(part, field, fileName);
        }

        return await Http.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), content);
    }

    public void Dispose() => Http.Dispose();
}
