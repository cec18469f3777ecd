using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Data.Seeding;
using NPCS.Reviews.Web.Infrastructure;
using NPCS.Reviews.Web.Tests.Support;

namespace NPCS.Reviews.Web.Tests;

/// <summary>
/// The Data Protection key ring: shared by every instance on one database (a person and a form move
/// between instances, as behind a load balancer), and encrypted at rest when a certificate is set.
/// </summary>
public sealed class DataProtectionTests(AppFactory app) : IClassFixture<AppFactory>, IDisposable
{
    private const string CertificatePassword = "Test-Certificate-Password-2026!";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "npcs-dp-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Should_keep_a_person_signed_in_when_their_next_request_reaches_another_instance()
    {
        var cookies = new CookieContainer();
        using var onFirst = Browser(app, cookies);
        Assert.Equal(HttpStatusCode.Redirect, (await onFirst.SignInAsync("caseworker@demo.local", AppFactory.Password)).StatusCode);

        await using var second = app.WithWebHostBuilder(_ => { });
        using var onSecond = Browser(second, cookies);

        await onSecond.GetPageAsync("/");
        await onSecond.GetPageAsync("/Reviews");
    }

    [Fact]
    public async Task Should_accept_on_one_instance_a_form_rendered_by_another()
    {
        var cookies = new CookieContainer();
        using var onFirst = Browser(app, cookies);
        var login = await onFirst.GetPageAsync("/Account/Login");

        await using var second = app.WithWebHostBuilder(_ => { });
        using var onSecond = Browser(second, cookies);

        // Signed out: the sign-in form (and its antiforgery cookie) from the first, posted to the second.
        var signIn = await onSecond.SubmitAsync(login, "form", new() { ["Input.Email"] = ["facilitator@demo.local"], ["Input.Password"] = [AppFactory.Password] });
        Assert.True(signIn.StatusCode == HttpStatusCode.Redirect, $"The second instance answered {(int)signIn.StatusCode} to the first one's sign-in form.");

        // Signed in: a form from the second (its token bound to the person), posted to the first.
        var logout = await onFirst.SubmitAsync(await onSecond.GetPageAsync("/"), "form[action='/Account/Logout']");
        Assert.True(logout.StatusCode == HttpStatusCode.Redirect, $"The first instance answered {(int)logout.StatusCode} to the second one's sign-out form.");
        Assert.Equal(HttpStatusCode.Redirect, (await onSecond.Http.GetAsync(new Uri("/Reviews", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public void Should_warn_at_start_that_the_keys_are_unencrypted_when_no_certificate_is_set()
    {
        Assert.Contains(app.Logs.Lines, line => line.StartsWith(
            "[WRN] NPCS.Reviews.Web.Infrastructure.KeyRing: Data Protection keys are stored unencrypted in the database: set DataProtection:CertificatePath",
            StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_encrypt_the_keys_with_the_certificate_and_still_sign_people_in_on_every_instance()
    {
        var pfx = WriteCertificate("keys.pfx", CertificatePassword);
        var fresh = new AppFactory();
        try
        {
            var first = fresh.WithWebHostBuilder(b => b
                .UseSetting(KeyRing.CertificatePathSetting, pfx)
                .UseSetting(KeyRing.CertificatePasswordSetting, CertificatePassword));
            await using (var scope = first.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<Seeder>().SeedDemoAsync(AppFactory.Password);
            }

            var cookies = new CookieContainer();
            using var onFirst = Browser(first, cookies);
            Assert.Equal(HttpStatusCode.Redirect, (await onFirst.SignInAsync("caseworker@demo.local", AppFactory.Password)).StatusCode);
            await onFirst.GetPageAsync("/");

            // Another instance with the same certificate reads the encrypted keys.
            using var onSecond = Browser(first.WithWebHostBuilder(_ => { }), cookies);
            await onSecond.GetPageAsync("/Reviews");

            await using (var scope = first.Services.CreateAsyncScope())
            {
                var keys = await scope.ServiceProvider.GetRequiredService<ReviewsDbContext>().DataProtectionKeys.Select(k => k.Xml).ToListAsync();
                Assert.NotEmpty(keys);
                Assert.All(keys, xml =>
                {
                    Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
                    Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
                });
            }

            Assert.DoesNotContain(fresh.Logs.Lines, line => line.Contains("unencrypted", StringComparison.OrdinalIgnoreCase));
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }

    [Fact]
    public async Task Should_refuse_to_start_when_the_certificate_is_missing_or_unreadable()
    {
        var wrongPassword = WriteCertificate("keys.pfx", CertificatePassword);
        var notACertificate = Path.Combine(_directory, "notes.pfx");
        await File.WriteAllTextAsync(notACertificate, "not a certificate");

        await AssertRefusedAsync(Path.Combine(_directory, "missing.pfx"), CertificatePassword, "DataProtection:CertificatePath: there is no certificate file at");
        await AssertRefusedAsync(wrongPassword, "Wrong-Password", "could not be read as a .pfx (PKCS#12) file with the password in DataProtection:CertificatePassword");
        await AssertRefusedAsync(notACertificate, CertificatePassword, "could not be read as a .pfx (PKCS#12) file");
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static async Task AssertRefusedAsync(string path, string password, string message)
    {
        var fresh = new AppFactory();
        try
        {
            var host = fresh.WithWebHostBuilder(b => b
                .UseSetting(KeyRing.CertificatePathSetting, path)
                .UseSetting(KeyRing.CertificatePasswordSetting, password));
            var error = Assert.ThrowsAny<Exception>(() => host.Services);
            Assert.Contains(message, error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(password, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }

    /// <summary>One browser whose requests reach <paramref name="host"/>: two of them on one cookie jar are one person behind a load balancer.</summary>
    private static AppClient Browser(WebApplicationFactory<Program> host, CookieContainer cookies) =>
        new(host.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(cookies)));

    /// <summary>A self-signed RSA 2048 certificate with its private key, exported as a password-protected .pfx.</summary>
    private string WriteCertificate(string name, string password)
    {
        Directory.CreateDirectory(_directory);
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=NPCS.Reviews Data Protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }
}
