using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using NPCS.Reviews.Web.Tests.Support;

namespace NPCS.Reviews.LoadTests;

/// <summary>
/// One signed-in browser-like session: its own cookies, no redirects followed, forms posted with
/// their antiforgery token. Cookies are kept by hand because the app marks its sign-in cookie
/// <c>Secure</c> outside Development, and <see cref="CookieContainer"/> never sends those over the
/// plain-http loopback the benchmark uses (a browser does, on localhost).
/// </summary>
internal sealed partial class VirtualUser : IDisposable
{
    private readonly HttpClient _http;
    private readonly byte[] _buffer = new byte[16 * 1024];
    private SavedForm? _form;

    public VirtualUser(Uri baseAddress)
    {
        _http = new HttpClient(new CookieJar(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, MaxConnectionsPerServer = 4 }))
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public async Task SignInAsync(string email, string password)
    {
        var login = await _http.GetStringAsync(new Uri("/Account/Login", UriKind.Relative));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = TokenOf(login),
        });
        using var response = await _http.PostAsync(new Uri("/Account/Login", UriKind.Relative), form);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("Login", StringComparison.OrdinalIgnoreCase) == true)
        {
            throw new InvalidOperationException($"Sign-in as {email} answered {(int)response.StatusCode} {response.Headers.Location}.");
        }
    }

    /// <summary>
    /// A GET that succeeds on 200, the body read to the end as a browser would: streamed through one
    /// buffer of this user's, so the load clients, which share the app's process, do not fill its
    /// heap with copies of every page.
    /// </summary>
    public async Task<bool> GetAsync(string url)
    {
        using var response = await _http.GetAsync(new Uri(url, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        while (await body.ReadAsync(_buffer) > 0)
        {
        }

        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>
    /// Saves a decision point through its edit form: GET the form, change the decision's text, POST
    /// every field back with the token (the version field included); success is the redirect to the list.
    /// </summary>
    public async Task<bool> SaveDecisionPointAsync(int reviewId, int pointId, int round)
    {
        var url = $"/Reviews/{reviewId}/Debrief/DecisionPoints/{pointId}/Edit";
        using var page = await _http.GetAsync(new Uri(url, UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        if (page.StatusCode != HttpStatusCode.OK)
        {
            return false;
        }

        // The form is read whole the first time; after that only what a save changes (the version) and
        // the page's new token are taken from it, every other field as before: the same POST, without a
        // DOM parse of each page by the load client, which shares the app's two cores.
        if (_form is null || _form.Url != url || !TryRefresh(_form.Fields, html))
        {
            _form = new SavedForm(url, DecisionPointFields(html));
        }

        var fields = new List<KeyValuePair<string, string>>(_form.Fields);
        fields.RemoveAll(f => f.Key == "Data.Decision");
        fields.Add(new("Data.Decision", $"Invented load-test decision, saved {round}"));
        using var content = new FormUrlEncodedContent(fields);
        using var response = await _http.PostAsync(new Uri(url, UriKind.Relative), content);
        await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode == HttpStatusCode.Redirect;
    }

    public void Dispose() => _http.Dispose();

    private static string TokenOf(string html) =>
        TokenPattern().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No antiforgery token on the page.");

    /// <summary>The fields of the page's decision point form as a browser submits them.</summary>
    private static List<KeyValuePair<string, string>> DecisionPointFields(string html)
    {
        using var document = new HtmlParser().ParseDocument(html);
        var form = document.QuerySelectorAll("form[method='post']").OfType<IHtmlFormElement>().FirstOrDefault(f => f.QuerySelector("[name='Data.Version']") is not null)
            ?? throw new InvalidOperationException("No decision point form on the page.");
        return FormFields.Of(form);
    }

    /// <summary>A form read whole once: its page and its fields as a browser submits them.</summary>
    private sealed record SavedForm(string Url, List<KeyValuePair<string, string>> Fields);

    /// <summary>Sets the version and the token in a form read before to this page's; false if the page has not both once each.</summary>
    private static bool TryRefresh(List<KeyValuePair<string, string>> fields, string html)
    {
        var versions = VersionPattern().Matches(html);
        var tokens = TokenPattern().Matches(html);
        if (versions.Count != 1 || tokens.Count == 0)
        {
            return false;
        }

        for (var i = 0; i < fields.Count; i++)
        {
            fields[i] = fields[i].Key switch
            {
                "Data.Version" => new(fields[i].Key, WebUtility.HtmlDecode(versions[0].Groups[1].Value)),
                "__RequestVerificationToken" => new(fields[i].Key, tokens[^1].Groups[1].Value),
                _ => fields[i],
            };
        }

        return true;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<input[^>]*\\sname=\"Data\\.Version\"[^>]*\\svalue=\"([^\"]*)\"")]
    private static partial Regex VersionPattern();

    /// <summary>Keeps the cookies the app sets (name to value) and sends them back on every request.</summary>
    private sealed class CookieJar(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly Dictionary<string, string> _cookies = [];
        private readonly Lock _lock = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                if (_cookies.Count > 0)
                {
                    request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
                }
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
            {
                lock (_lock)
                {
                    foreach (var value in values)
                    {
                        var pair = value.Split(';', 2)[0];
                        var equals = pair.IndexOf('=', StringComparison.Ordinal);
                        if (equals <= 0)
                        {
                            continue;
                        }

                        var name = pair[..equals].Trim();
                        var content = pair[(equals + 1)..].Trim();
                        var expired = value.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);
                        if (expired || content.Length == 0)
                        {
                            _cookies.Remove(name);
                        }
                        else
                        {
                            _cookies[name] = content;
                        }
                    }
                }
            }

            return response;
        }
    }
}
