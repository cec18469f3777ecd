using NPCS.Reviews.Web.Tests.Support;
using Xunit.Abstractions;

namespace NPCS.Reviews.Web.Tests;

/// <summary>Every form handler, found at run time, refuses a POST without an antiforgery token with 400, whoever sends it.</summary>
[Collection(AccessTests.Name)]
public class AntiforgeryTests(AccessScene scene, ITestOutputHelper output)
{
    /// <summary>
    /// The only POST handler that takes no token: the error page renders the status page when a
    /// failed POST is re-executed there (a refused token included, which would otherwise fail again),
    /// and changes nothing.
    /// </summary>
    private static readonly string[] WithoutToken = ["POST /Error/{code}"];

    /// <summary>
    /// Someone the page lets in, so that what refuses the request is the missing token: nobody on the
    /// public sign-in and set-password forms, an Administrator on the administration pages and the
    /// survey pages only they may use, an Analyst on the hubs, a Supervisor everywhere else.
    /// </summary>
    private static Subject PosterOf(string template) => AccessScene.Subjects.Single(s => s.Column == template switch
    {
        "/Account/Login" or "/Account/SetPassword" => "anon",
        _ when template.StartsWith("/Admin/", StringComparison.Ordinal) => "adm",
        _ when template.StartsWith("/Hub", StringComparison.Ordinal) => "ana",
        "/Surveys/New" or "/Surveys/Instruments" or "/Surveys/{waveId}/Links" => "adm",
        _ => "sup",
    });

    [Fact]
    public async Task Every_form_handler_refuses_a_post_without_its_antiforgery_token()
    {
        var posts = (await AppRoutes.DiscoverAsync(scene.App.Services)).Where(r => r.IsPost && !WithoutToken.Contains(r.Key)).ToList();
        var failures = new List<string>();
        var tried = 0;
        foreach (var post in posts)
        {
            foreach (var template in post.Templates)
            {
                var poster = PosterOf(template);
                var withoutToken = await scene.OutcomeAsync(post, template, poster, Ownership.Own, withToken: false);
                var withToken = await scene.OutcomeAsync(post, template, poster, Ownership.Own);
                await scene.ReopenSignedOutSessionsAsync();
                tried++;
                if (withoutToken != "400")
                {
                    failures.Add($"{post.Key} at {template} as {poster.Column}, without a token: expected 400, got {withoutToken}.");
                }

                // With the token the same request gets past the check, so the 400 above is the missing token's.
                if (withToken is "400" or "login" or "403")
                {
                    failures.Add($"{post.Key} at {template} as {poster.Column}, with its token: got {withToken}, so the check above proves nothing.");
                }
            }
        }

        output.WriteLine($"{tried} POSTs without a token, over {posts.Count} form handlers.");
        Assert.NotEmpty(posts);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task The_one_handler_left_out_exists_and_only_shows_the_status_page()
    {
        var posts = (await AppRoutes.DiscoverAsync(scene.App.Services)).Where(r => r.IsPost).ToList();
        var error = Assert.Single(posts, p => WithoutToken.Contains(p.Key));

        // It answers anyone, and whatever is posted to it only shows the status page.
        Assert.Equal("200", await scene.OutcomeAsync(error, error.Templates[0], AccessScene.Subjects[0], Ownership.Own, withToken: false));
    }
}
