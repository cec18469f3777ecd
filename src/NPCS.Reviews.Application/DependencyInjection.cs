using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NPCS.Reviews.Application.Behaviors;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application;

public static class DependencyInjection
{
    /// <summary>Mediator (handlers found at compile time, scoped so they can take the DbContext), the pipeline and the validators.</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors =
            [
                typeof(LoggingBehavior<,>),
                typeof(AuthorizationBehavior<,>),
                typeof(AnalyticsBehavior<,>),
                typeof(ConnectionBehavior<,>),
                typeof(ValidationBehavior<,>),
            ];
        });
        // A validator that takes a value in its constructor (ActionFieldsValidator's isNew) is a part of
        // other validators, which build it; the container could not, and Development's start-up check fails.
        services.AddValidatorsFromAssembly(
            typeof(DependencyInjection).Assembly,
            ServiceLifetime.Scoped,
            filter: scan => scan.ValidatorType.GetConstructors().All(c => c.GetParameters().All(p => !p.ParameterType.IsValueType)),
            includeInternalTypes: true);
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<Common.JurisdictionClock>();
        services.TryAddScoped<Security.IClientAddress, Security.NoClientAddress>();
        services.AddScoped<Features.Security.SecurityLog>();
        services.AddScoped<Features.Sharing.ExtractSource>();
        services.AddScoped<Features.Trends.TrendSources>();
        services.AddOptions<Features.Surveys.SurveyOptions>();
        services.AddOptions<Common.AnalyticsOptions>();
        services.TryAddSingleton<Common.AnalyticsGate>();
        return services;
    }

    /// <summary>The account rules: 12-character passwords (length over composition, as NIST SP 800-63B advises), lockout after 5 failures for 15 minutes.</summary>
    public static void ConfigureIdentity(IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Password.RequiredLength = 12;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequiredUniqueChars = 4;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.User.RequireUniqueEmail = true;
        options.SignIn.RequireConfirmedAccount = false;
    }

    /// <summary>Identity without cookies or UI, for handler tests and tools.</summary>
    public static IdentityBuilder AddReviewsIdentityCore(this IServiceCollection services) =>
        services.AddIdentityCore<ApplicationUser>(ConfigureIdentity)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ReviewsDbContext>()
            .AddProtectedTwoFactorSecrets()
            .AddDefaultTokenProviders();
}
