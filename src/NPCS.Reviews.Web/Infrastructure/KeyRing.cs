using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using NPCS.Reviews.Application.Data;

namespace NPCS.Reviews.Web.Infrastructure;

/// <summary>
/// The Data Protection key ring: in the database, so every web instance (and the create-admin and
/// create-analyst commands) shares it; encrypted at rest with a certificate when
/// <c>DataProtection:CertificatePath</c> names a .pfx file. A certificate that is named but cannot be
/// read stops the app at start, so keys are never written unencrypted by mistake.
/// </summary>
public static partial class KeyRing
{
    public const string ApplicationName = "NPCS.Reviews";
    public const string CertificatePathSetting = "DataProtection:CertificatePath";
    public const string CertificatePasswordSetting = "DataProtection:CertificatePassword";

    public static IServiceCollection AddReviewsDataProtection(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var dataProtection = services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<ReviewsDbContext>();

        var path = configuration[CertificatePathSetting];
        if (!string.IsNullOrWhiteSpace(path))
        {
            // The certificate lives as long as the app: Data Protection encrypts new keys and decrypts all keys with it.
            dataProtection.ProtectKeysWithCertificate(LoadCertificate(Path.Combine(environment.ContentRootPath, path), configuration[CertificatePasswordSetting]));
        }

        return services;
    }

    /// <summary>Outside Development, says once at start-up that the keys are stored unencrypted when no certificate is set.</summary>
    public static void WarnIfUnencrypted(IConfiguration configuration, IHostEnvironment environment, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(loggers);
        if (!environment.IsDevelopment() && string.IsNullOrWhiteSpace(configuration[CertificatePathSetting]))
        {
            LogUnencrypted(loggers.CreateLogger(typeof(KeyRing)));
        }
    }

    private static X509Certificate2 LoadCertificate(string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{CertificatePathSetting}: there is no certificate file at '{path}'. Fix the path, or remove the setting to store the Data Protection keys unencrypted.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{CertificatePathSetting}: the certificate file '{path}' could not be read as a .pfx (PKCS#12) file with the password in {CertificatePasswordSetting} ({e.GetType().Name}). Check the file, its permissions and the password.", e);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"{CertificatePathSetting}: the certificate in '{path}' has no private key, so the Data Protection keys could not be decrypted. Export the .pfx with its private key.");
        }

        return certificate;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Data Protection keys are stored unencrypted in the database: set " + CertificatePathSetting + " to encrypt them at rest (see docs/deployment.md)")]
    private static partial void LogUnencrypted(ILogger logger);
}
