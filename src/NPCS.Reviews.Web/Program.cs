using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NPCS.Reviews.Application;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Data.Seeding;
using NPCS.Reviews.Application.Features.Trends;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Web.Infrastructure;
using Serilog;

var builder = WebApplication.CreateBuilder(args);

// http://localhost:5080 unless the operator chose: ASPNETCORE_URLS, --urls or ASPNETCORE_HTTP(S)_PORTS win.
if (string.IsNullOrWhiteSpace(builder.Configuration["urls"])
    && string.IsNullOrWhiteSpace(builder.Configuration["http_ports"])
    && string.IsNullOrWhiteSpace(builder.Configuration["https_ports"]))
{
    builder.WebHost.UseUrls("http://localhost:5080");
}

// Each host keeps its own logger (preserveStaticLogger), so hosts in one process (tests) never share one.
builder.Services.AddSerilog(
    (services, configuration) => configuration
        .ReadFrom.Configuration(builder.Configuration)
        .ReadFrom.Services(services)
        .Enrich.FromLogContext()
        .Enrich.With<SafeExceptionEnricher>(),
    preserveStaticLogger: true);

builder.Services.AddReviewsDatabase(builder.Configuration, builder.Environment);
builder.Services.AddApplication();
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<ICurrentUser, HttpCurrentUser>();
builder.Services.AddScoped<IClientAddress, HttpClientAddress>();
builder.Services.AddScoped<Seeder>();

// Keys live in the database so every web instance (and the create-admin command) shares them;
// encrypted with a certificate when DataProtection:CertificatePath is set.
builder.Services.AddReviewsDataProtection(builder.Configuration, builder.Environment);

builder.Services.AddIdentity<ApplicationUser, IdentityRole>(DependencyInjection.ConfigureIdentity)
    .AddEntityFrameworkStores<ReviewsDbContext>()
    .AddProtectedTwoFactorSecrets()
    .AddDefaultTokenProviders()
    .AddClaimsPrincipalFactory<ClaimsFactory>();

// A set-password link is valid for 3 days and works once (setting the password changes the security stamp).
builder.Services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(3));

// Every request checks the account's security stamp, so a role change, a lock or a two-factor
// change (each makes a new stamp) signs the person out at their next request.
builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);

// ...with one query when nothing has changed (see AccountStampValidator), not a rebuilt principal.
builder.Services.Replace(ServiceDescriptor.Scoped<ISecurityStampValidator, AccountStampValidator>());
builder.Services.AddScoped<SecurityStampValidator<ApplicationUser>>();

// The short-lived cookie between the password and the authenticator code gets the same flags as the sign-in cookie.
builder.Services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
{
    o.Cookie.Name = "npcs.2fa";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Lax;
    o.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
});

builder.Services.ConfigureApplicationCookie(o =>
{
    o.LoginPath = "/Account/Login";
    o.LogoutPath = "/Account/Logout";
    o.AccessDeniedPath = "/Account/Login";
    o.Cookie.Name = "npcs.auth";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Lax;
    o.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
    o.ExpireTimeSpan = TimeSpan.FromMinutes(builder.Configuration.GetValue("Authentication:IdleTimeoutMinutes", 30));
    o.SlidingExpiration = true;

    // A signed-in user without the right role gets a real 403 (with the friendly error page), not a redirect.
    o.Events.OnRedirectToAccessDenied = context =>
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    };
});

builder.Services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
    .AddPolicy(Policies.ReadSurveys, p => p.RequireRole(Roles.SurveyReaders.Split(',')))
    .AddPolicy(Policies.ReadReviews, p => p.RequireRole(Roles.ReviewReaders.Split(',')))
    .AddPolicy(Policies.EditReviews, p => p.RequireRole(Roles.ReviewEditors.Split(',')))
    .AddPolicy(Policies.Administer, p => p.RequireRole(Roles.Administrator))
    .AddPolicy(Policies.UseHub, p => p.RequireRole(Roles.Analyst))
    .AddPolicy(Policies.ReadTrends, p => p.RequireRole(Roles.TrendReaders.Split(',')));

// A threshold below 5 would show counts of 1 to 4 children: the app refuses to start (ADR 0015).
builder.Services.AddOptions<TrendOptions>()
    .BindConfiguration(TrendOptions.Section)
    .Validate(o => o.SmallCellThreshold >= TrendOptions.MinimumThreshold, TrendOptions.TooLowMessage)
    .ValidateOnStart();

// How many dashboards one instance computes at once; the rest wait their turn (AnalyticsGate).
builder.Services.AddOptions<AnalyticsOptions>()
    .BindConfiguration(AnalyticsOptions.Section)
    .Validate(o => o.MaxConcurrent >= 1, AnalyticsOptions.TooLowMessage)
    .ValidateOnStart();

builder.Services.AddRazorPages(o =>
{
    // Deny by default: the fallback policy covers every page; these are the exceptions and the narrower rules.
    o.Conventions.AllowAnonymousToPage("/Account/Login");
    o.Conventions.AllowAnonymousToPage("/Account/SetPassword");
    o.Conventions.AllowAnonymousToPage("/Account/LoginWith2fa");
    o.Conventions.AllowAnonymousToPage("/Account/LoginWithRecoveryCode");
    o.Conventions.AllowAnonymousToPage("/Error");
    o.Conventions.AuthorizeFolder("/Reviews", Policies.ReadReviews);
    o.Conventions.AuthorizePage("/Reviews/New", Policies.EditReviews);
    o.Conventions.AuthorizePage("/Reviews/EditIntake", Policies.EditReviews);
    o.Conventions.AuthorizeFolder("/Admin", Policies.Administer);
    o.Conventions.AuthorizeFolder("/Actions", Policies.ReadReviews);
    o.Conventions.AuthorizeFolder("/Hub", Policies.UseHub);
    o.Conventions.AuthorizeFolder("/Trends", Policies.ReadTrends);

    // Safety culture surveys: results for Supervisors and Administrators, the rest for Administrators;
    // the questionnaire itself is answered without an account, through a single-use link.
    o.Conventions.AuthorizeFolder("/Surveys", Policies.ReadSurveys);
    o.Conventions.AuthorizePage("/Surveys/New", Policies.Administer);
    o.Conventions.AuthorizePage("/Surveys/Instruments", Policies.Administer);
    o.Conventions.AuthorizePage("/Surveys/Links", Policies.Administer);
    o.Conventions.AllowAnonymousToPage("/Survey/Answer");
}).AddMvcOptions(o =>
{
    o.Filters.Add<ErrorMappingPageFilter>();

    // Values a browser form would never send (hand-edited requests) get a plain message beside the field.
    var messages = o.ModelBindingMessageProvider;
    messages.SetAttemptedValueIsInvalidAccessor((_, _) => "This value is not valid here.");
    messages.SetUnknownValueIsInvalidAccessor(_ => "This value is not valid here.");
    messages.SetValueIsInvalidAccessor(_ => "This value is not valid here.");
    messages.SetValueMustBeANumberAccessor(_ => "Enter a whole number.");
    messages.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => "This value is not valid here.");
    messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "This value is not valid here.");
    messages.SetNonPropertyValueMustBeANumberAccessor(() => "Enter a whole number.");
});

// A group smaller than 5 could point at a person: a lower setting stops the app at start-up.
builder.Services.AddOptions<NPCS.Reviews.Application.Features.Surveys.SurveyOptions>()
    .Bind(builder.Configuration.GetSection(NPCS.Reviews.Application.Features.Surveys.SurveyOptions.Section))
    .Validate(o => o.MinimumGroupSize >= NPCS.Reviews.Application.Features.Surveys.SurveyOptions.Floor, "Surveys:MinimumGroupSize cannot be below 5: results of smaller groups could point at a person.")
    .ValidateOnStart();

builder.Services.AddSignInRateLimit(builder.Configuration);

// Outside Development, browsers are told to use HTTPS only for this site for a year (UseHsts below).
builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
builder.Services.AddHealthChecks().AddDbContextCheck<ReviewsDbContext>("database");

var app = builder.Build();
KeyRing.WarnIfUnencrypted(app.Configuration, app.Environment, app.Services.GetRequiredService<ILoggerFactory>());

await Database.PrepareAsync(app.Services, app.Configuration);
await using (var scope = app.Services.CreateAsyncScope())
{
    var seeder = scope.ServiceProvider.GetRequiredService<Seeder>();
    await seeder.SeedRolesAsync();

    // The bootstrap command runs before demo seeding, so it never adds demo accounts to a real database.
    if (AdminBootstrap.IsRequested(args))
    {
        Environment.ExitCode = await AdminBootstrap.RunAsync(app.Services, args, Console.Out);
        return;
    }

    if (app.Environment.IsDevelopment() && app.Configuration.GetValue<bool>("Seed:Demo"))
    {
        await seeder.SeedDemoAsync(
            app.Configuration["Seed:DemoPassword"] ?? throw new InvalidOperationException("Seed:DemoPassword is required when Seed:Demo is true."),
            withHistory: true);
    }

    await seeder.EnsureCatalogsAsync();
}

if (app.Environment.IsDevelopment())
{
    app.UseDeveloperExceptionPage();
}
else
{
    app.UseExceptionHandler("/Error");
    app.UseHsts();
}

// Every response in every environment, so `dotnet run` shows (and scanners find) what production
// sends; only Development's exception page, which styles itself inline, goes without the policy.
app.UseSecurityHeaders(exemptDeveloperErrorPage: app.Environment.IsDevelopment());

app.UseStatusCodePagesWithReExecute("/Error/{0}");
app.UseSerilogRequestLogging(o => o.Logger = app.Services.GetRequiredService<Serilog.ILogger>());
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseTwoFactorEnrolment();
app.UseAuthorization();

app.MapStaticAssets().AllowAnonymous();
app.MapRazorPages().WithStaticAssets();
app.MapHealthChecks("/health").AllowAnonymous();

await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program
{
}
