using NPCS.Reviews.Web.Tests.Support;

namespace NPCS.Reviews.Web.Tests;

/// <summary>
/// The site's own stylesheet is well formed. A rule left open (a lost closing brace, as a merge can
/// leave) makes every later rule nested inside it, and the browser quietly stops applying them.
/// </summary>
public class StylesheetTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Should_serve_a_stylesheet_whose_rules_are_all_closed_and_none_nested()
    {
        using var client = app.CreateClient();
        var css = await client.GetStringAsync(new Uri("/css/site.css", UriKind.Relative));

        var depth = 0;
        var atRule = new Stack<bool>();
        var line = 1;
        var problems = new List<string>();
        var withoutComments = System.Text.RegularExpressions.Regex.Replace(css, @"/\*.*?\*/", m => new string('\n', m.Value.Count(c => c == '\n')), System.Text.RegularExpressions.RegexOptions.Singleline);
        var start = 0;
        for (var i = 0; i < withoutComments.Length; i++)
        {
            switch (withoutComments[i])
            {
                case '\n':
                    line++;
                    break;
                case '{':
                    var selector = withoutComments[start..i].Trim();
                    if (atRule.Count > 0 && !atRule.Peek())
                    {
                        problems.Add($"line {line}: '{selector}' opens inside another rule");
                    }

                    atRule.Push(selector.StartsWith('@'));
                    depth++;
                    start = i + 1;
                    break;
                case '}':
                    if (depth == 0)
                    {
                        problems.Add($"line {line}: a closing brace without a rule");
                    }
                    else
                    {
                        atRule.Pop();
                        depth--;
                    }

                    start = i + 1;
                    break;
                case ';':
                    start = i + 1;
                    break;
            }
        }

        if (depth != 0)
        {
            problems.Add($"{depth} rule(s) never closed");
        }

        Assert.Empty(problems);
    }
}
