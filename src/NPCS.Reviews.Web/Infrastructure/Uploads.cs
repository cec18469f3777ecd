namespace NPCS.Reviews.Web.Infrastructure;

/// <summary>Uploaded files (catalogs, instruments, aggregates) read into memory with a ceiling.</summary>
public static class Uploads
{
    /// <summary>Reads at most one byte past <paramref name="maxBytes"/>, so an oversized upload is refused without holding it in memory; null when no file was chosen.</summary>
    public static async Task<byte[]?> ReadAsync(IFormFile? file, int maxBytes, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return null;
        }

        var limit = maxBytes + 1;
        await using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < limit && (read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}

/// <summary>A form with one file field, bound under the page's chosen name ("Import").</summary>
public sealed class UploadForm
{
    public IFormFile? File { get; set; }
}
