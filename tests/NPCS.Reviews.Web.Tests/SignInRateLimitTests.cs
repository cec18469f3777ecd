using System.Net;
using NPCS.Reviews.Web.Infrastructure;
using NPCS.Reviews.Web.Tests.Support;

namespace NPCS.Reviews.Web.Tests;

public class SignInRateLimitTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Should_answer_429_with_a_plain_message_once_one_client_posts_too_many_sign_ins()
    {
        await using var limited = app.WithWebHostBuilder(b => b.UseSetting(SignInRateLimit.PermitLimitSetting, "3"));
        using var client = AppFactory.CreateAppClient(limited);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync("caseworker@demo.local", "wrong password " + i)).StatusCode);
        }

        // Even the right password is refused now: the limit is per client, not per account.
        var limitedResponse = await client.SignInAsync("facilitator@demo.local", AppFactory.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, limitedResponse.StatusCode);
        Assert.True(limitedResponse.Headers.RetryAfter is not null, "No Retry-After header.");
        var page = await AppClient.ParseAsync(limitedResponse);
        Assert.Equal("Too many attempts", page.QuerySelector("h1")?.TextContent);
        Assert.Contains("Wait a minute", page.QuerySelector("main")?.TextContent, StringComparison.Ordinal);
        var code = await client.Http.PostAsync(new Uri("/Account/LoginWith2fa", UriKind.Relative), new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.TooManyRequests, code.StatusCode);

        // Another client address is not limited.
        using var elsewhere = AppFactory.CreateAppClient(limited);
        elsewhere.Http.DefaultRequestHeaders.Add(ClientAddressFilter.Header, "198.51.100.20");
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.SignInAsync("facilitator@demo.local", AppFactory.Password)).StatusCode);

        // Reading the sign-in page is not counted.
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync(new Uri("/Account/Login", UriKind.Relative))).StatusCode);
    }
}
