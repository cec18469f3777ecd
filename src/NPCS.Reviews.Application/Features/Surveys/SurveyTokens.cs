using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace NPCS.Reviews.Application.Features.Surveys;

/// <summary>
/// Invitation tokens: 32 random bytes in base64url, of which only the SHA-256 (base64url) is stored.
/// Whoever reads the database cannot rebuild a link from it.
/// </summary>
public static class SurveyTokens
{
    private const int TokenBytes = 32;

    public static (string Token, string Hash) Create()
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(TokenBytes));
        return (token, Hash(token));
    }

    /// <summary>The stored form of a token; any text has one, so a made-up token is simply not found.</summary>
    public static string Hash(string? token) =>
        WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.UTF8.GetBytes(token ?? string.Empty)));
}
