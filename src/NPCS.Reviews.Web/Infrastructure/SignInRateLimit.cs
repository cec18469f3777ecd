using System.Threading.RateLimiting;

namespace NPCS.Reviews.Web.Infrastructure;

/// <summary>
/// Limits how often one client address may post a sign-in, two-factor or recovery code, on top of
/// the per-account lockout: someone trying many accounts, or many codes, from one address is slowed
/// down. A limited client gets 429 and the error page says to wait.
/// </summary>
public static partial class SignInRateLimit
{
    public const string Policy = "sign-in";
    public const string PermitLimitSetting = "Authentication:SignInRateLimit:PermitLimit";
    public const string WindowSecondsSetting = "Authentication:SignInRateLimit:WindowSeconds";

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Policy, context =>
            {
                // Reading the forms costs nothing to an attacker or to us; only the posts are counted.
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter(string.Empty);
                }

                var permits = Math.Max(1, configuration.GetValue(PermitLimitSetting, 30));
                var window = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue(WindowSecondsSetting, 60)));
                return RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 });
            });
            o.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                LogLimited(context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInRateLimit)));
                return ValueTask.CompletedTask;
            };
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused: too many attempts from one client address")]
    private static partial void LogLimited(ILogger logger);
}
