using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using NPCS.Reviews.TestSupport;

namespace NPCS.Reviews.Web.Tests.Support;

/// <summary>
/// The values a scene gives the requests it sends: the review whose address is asked, the review the
/// parts (session, entry, finding...) come from, the account of the administration pages, a survey
/// wave, an instrument and an open survey link.
/// </summary>
public sealed record SceneValues(ReviewSceneIds Review, ReviewSceneIds Parts, string AccountId, int WaveId, int InstrumentId, string SurveyToken);

/// <summary>
/// Sends a discovered <see cref="AppRequest"/> as a signed-in subject, every id and value it takes
/// filled in by name: what the <see cref="AccessScene"/> and the SQL-command count share.
/// </summary>
public static class SceneRequests
{
    /// <summary>The request as <paramref name="session"/> sends it, its route, query or form values taken from <paramref name="values"/>.</summary>
    public static HttpRequestMessage Build(AppRequest request, string template, (string Cookies, string Token) session, SceneValues values, bool withToken = true)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(template);
        var (cookies, token) = session;
        var path = template;
        foreach (var name in RouteValueNames(template))
        {
            path = path.Replace('{' + name + '}', Uri.EscapeDataString(ValueFor(request, template, name.TrimStart('*'), values, inRoute: true)), StringComparison.Ordinal);
        }

        var query = new List<string>();
        if (request.Handler is not null)
        {
            query.Add("handler=" + Uri.EscapeDataString(request.Handler));
        }

        var form = new List<KeyValuePair<string, string>>();
        if (request.IsPost && withToken)
        {
            form.Add(new("__RequestVerificationToken", token));
        }

        foreach (var parameter in request.Parameters.Where(p => !AppRequest.InTemplate(template, p.Name)))
        {
            var value = ValueFor(request, template, parameter.Name, values, inRoute: false);
            if (request.IsPost)
            {
                form.Add(new(parameter.Name, value));
            }
            else
            {
                query.Add($"{parameter.Name}={Uri.EscapeDataString(value)}");
            }
        }

        var uri = new Uri(path + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty), UriKind.Relative);
        var message = new HttpRequestMessage(request.IsPost ? HttpMethod.Post : HttpMethod.Get, uri);
        if (request.IsPost)
        {
            message.Content = new FormUrlEncodedContent(form);
        }

        if (cookies.Length > 0)
        {
            message.Headers.Add("Cookie", cookies);
        }

        return message;
    }

    private static IEnumerable<string> RouteValueNames(string template) =>
        template.Split('{').Skip(1).Select(part => part[..part.IndexOf('}', StringComparison.Ordinal)]);

    public static bool IsAccountPage(string template) => template.StartsWith("/Admin/Users/", StringComparison.Ordinal);

    /// <summary>
    /// The value of a route, query or form value by its name. Record ids come from <paramref name="values"/>;
    /// versions are empty (a stale form: nothing is saved even where the request is allowed). A name
    /// this does not know fails the test with the request's key, so a page with a new kind of id gets
    /// a value here before it can be checked.
    /// </summary>
    private static string ValueFor(AppRequest request, string template, string name, SceneValues values, bool inRoute)
    {
        var (review, parts, account, wave, instrument, surveyToken) = values;
        int? id = name.ToUpperInvariant() switch
        {
            "ID" when !IsAccountPage(template) => review.ReviewId,
            "SESSIONID" => parts.SessionId,
            "PARTICIPANTID" => parts.ParticipantId,
            "POINTID" => parts.DecisionPointId,
            "NEEDID" => parts.NeedId,
            "ENTRYID" => parts.ChronologyEntryId,
            "FINDINGID" => parts.FindingId,
            "ACTIONID" => parts.ActionId,
            "ITEMID" => parts.CatalogItemId,
            "WAVEID" => wave,
            "INSTRUMENTID" => instrument,
            _ => null,
        };
        if (id is not null)
        {
            return id.Value.ToString(CultureInfo.InvariantCulture);
        }

        return name.ToUpperInvariant() switch
        {
            "ID" or "USERID" => account,
            "VERSION" => Guid.Empty.ToString(),
            "LOCKED" => "false",
            "CODE" when inRoute => "404",
            "CODE" => "not-a-set-password-code",
            "PATH" => "no-such-file.txt",
            "TABLE" => "incident-type",

            // A valid, open survey link: the questionnaire answers anyone who holds it, signed in or not.
            "TOKEN" => surveyToken,
            "STEP" => "1",
            "DONE" => "false",
            _ => throw new InvalidOperationException($"{request.Key}: the scenes have no value for '{name}'. Add one in {nameof(SceneRequests)}.{nameof(ValueFor)}."),
        };
    }

    /// <summary>Signs the subject in (nobody: no sign-in) and keeps the session as its cookies and an antiforgery token.</summary>
    public static async Task<(string Cookies, string Token)> OpenSessionAsync(AppFactory app, Uri baseAddress, Subject subject)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(subject);
        var jar = new CookieContainer();
        using var client = new AppClient(app.CreateDefaultClient(baseAddress, new CookieContainerHandler(jar)));
        if (subject.Email is not null)
        {
            var signIn = await client.SignInAsync(subject.Email, AppFactory.Password);
            Assert.True(signIn.StatusCode == HttpStatusCode.Redirect, $"{subject.Email} could not sign in.");
        }

        // The sign-in form for nobody, the sign-out form of the layout for everyone else: both carry a token.
        var page = await client.GetPageAsync(subject.Email is null ? "/Account/Login" : "/");
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token for {subject.Column}.");
        return (jar.GetCookieHeader(baseAddress), token);
    }

    /// <summary>
    /// Signs in again whoever a POST signed out: the sign-in is checked against the security stamp at
    /// every request, and some forms change it by design (turning two-factor off, resetting the app).
    /// </summary>
    public static async Task ReopenSignedOutSessionsAsync(AppFactory app, HttpClient http, Uri baseAddress, IEnumerable<Subject> subjects, Dictionary<string, (string Cookies, string Token)> sessions)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(sessions);
        foreach (var subject in subjects.Where(s => s.Email is not null))
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, "/");
            message.Headers.Add("Cookie", sessions[subject.Column].Cookies);
            using var response = await http.SendAsync(message);
            if (AccessScene.Describe(response) == "login")
            {
                sessions[subject.Column] = await OpenSessionAsync(app, baseAddress, subject);
            }
        }
    }
}
