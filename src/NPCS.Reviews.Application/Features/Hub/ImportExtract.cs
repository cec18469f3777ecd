using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Sharing;
using NPCS.Reviews.Application.Security;
using ValidationException = NPCS.Reviews.Application.Common.ValidationException;

namespace NPCS.Reviews.Application.Features.Hub;

/// <summary>
/// An NPCS Analyst imports a jurisdiction's de-identified extract (JSON Lines) into the hub. The
/// file is read twice, as a stream: the first pass checks every line against the schema and the
/// file's own rules (one jurisdiction, one period, each review once) and refuses the whole file on
/// any problem, listing them by line; the second pass replaces, in one database transaction, that
/// jurisdiction's reviews of the period (and any review of the file held from another period) with
/// the file's lines. Importing the same file again leaves the hub as it was.
/// </summary>
public static partial class ImportExtract
{
    /// <summary>The largest file accepted: about 20,000 reviews with many findings each; stated on the page too.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    public const string MaxSizeText = "64 MB";

    /// <summary>At most this many problems are listed; the rest are counted.</summary>
    public const int MaxProblems = 50;

    /// <summary>An extract line is a few kilobytes; a longer one is not an extract line (and is not held in memory whole).</summary>
    private const int MaxLineChars = 1_000_000;

    /// <summary>Rows added per save: the change tracker is emptied after each, so memory does not grow with the file.</summary>
    private const int InsertBatch = 1_000;

    /// <summary>Pseudonyms per delete statement, well under SQL Server's 2,100 parameters.</summary>
    private const int DeleteBatch = 500;

    private const string Choose = "Choose the extract's JSON Lines file (.jsonl): one JSON object per line, as the sending jurisdiction exported it.";

    /// <summary>Invalid bytes are an error, not a replacement character: a file that is not UTF-8 is refused, not half-read.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>A property given twice is ambiguous (which one counts?), so it is an error, not "the last one wins".</summary>
    private static readonly JsonDocumentOptions LineOptions = new() { AllowDuplicateProperties = false, MaxDepth = 16 };

    /// <summary>The uploaded file: opened anew for each pass (the page passes IFormFile.OpenReadStream).</summary>
    public sealed record ExtractFile(Func<Stream> Open, long Length);

    [Authorize(Roles.Analyst)]
    public sealed class Command : ICommand<Result>
    {
        /// <summary>The uploaded file, or null when no file was chosen.</summary>
        public ExtractFile? File { get; set; }
    }

    /// <summary>What the import did: the rows it holds now for the jurisdiction's period, and the rows they replaced.</summary>
    public sealed record Result(int ExtractId, string Jurisdiction, ExtractPeriod Period, int Imported, int Replaced);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.File)
                .Must(f => f is { Length: > 0 }).WithMessage("Choose an extract file to import. " + Choose)
                .Must(f => f!.Length <= MaxBytes)
                .When(x => x.File is { Length: > 0 }, ApplyConditionTo.CurrentValidator)
                .WithMessage($"The file is larger than {MaxSizeText}, the most the hub imports at once. Ask the jurisdiction for extracts of shorter periods.");
        }
    }

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user, TimeProvider time, ILogger<Handler> logger) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var file = command.File!;
            var scan = await ScanAsync(file, cancellationToken);
            if (scan.ProblemCount > 0)
            {
                LogRefused(logger, scan.Rows, scan.ProblemCount);
                var shown = scan.Problems.ToList();
                if (scan.ProblemCount > shown.Count)
                {
                    shown.Add(string.Create(CultureInfo.InvariantCulture, $"... and {scan.ProblemCount - shown.Count} more problems."));
                }

                shown.Insert(0, "Nothing was imported: the file is refused as a whole. Correct these lines (or ask the jurisdiction for a corrected extract) and import it again.");
                throw new ValidationException(new Dictionary<string, string[]> { [nameof(Command.File)] = [.. shown] });
            }

            if (scan.Rows == 0)
            {
                throw Refuse("The file is empty: it holds no extract lines. " + Choose);
            }

            var result = await ReplaceAsync(file, scan, cancellationToken);
            LogImported(logger, result.ExtractId, result.Imported, result.Replaced);
            return result;
        }

        /// <summary>Pass 2: one transaction (inside the provider's execution strategy, which SQL Server's retries require).</summary>
        private Task<Result> ReplaceAsync(ExtractFile file, Scan scan, CancellationToken ct)
        {
            var jurisdiction = scan.Jurisdiction!;
            var period = scan.Period!;
            var userId = user.RequireUserId();
            var now = time.GetUtcNow();
            return db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var extract = new SharedExtract(jurisdiction, period.From.FirstDay, period.To.FirstDay, ExtractRecord.SchemaVersion, scan.Rows, scan.Sha256, userId, now);
                db.SharedExtracts.Add(extract);
                await db.SaveChangesAsync(ct);

                // The period's reviews go (a review no longer in the extract is no longer shared), and so
                // does any review of the file held under another month (approved again after a reopening).
                var from = period.From.FirstDay;
                var to = period.To.FirstDay;
                var replaced = await db.SharedReviews
                    .Where(r => r.JurisdictionCode == jurisdiction && r.ApprovedMonth >= from && r.ApprovedMonth <= to)
                    .ExecuteDeleteAsync(ct);
                foreach (var chunk in scan.Pseudonyms.Keys.Chunk(DeleteBatch))
                {
                    replaced += await db.SharedReviews
                        .Where(r => r.JurisdictionCode == jurisdiction && chunk.Contains(r.Pseudonym))
                        .ExecuteDeleteAsync(ct);
                }

                db.ChangeTracker.Clear();
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var imported = 0;
                await using (var stream = file.Open())
                {
                    await foreach (var line in ReadLinesAsync(stream, hash, ct))
                    {
                        if (string.IsNullOrWhiteSpace(line.Text))
                        {
                            continue;
                        }

                        var record = ReadAgain(line.Text);
                        db.SharedReviews.Add(new SharedReview(
                            extract.Id,
                            jurisdiction,
                            record.Review,
                            record.ApprovedMonth.FirstDay,
                            (int)record.IncidentType,
                            JsonSerializer.Serialize(record, ExtractRecord.JsonOptions)));
                        if (++imported % InsertBatch == 0)
                        {
                            await db.SaveChangesAsync(ct);
                            db.ChangeTracker.Clear();
                        }
                    }
                }

                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();

                // The second read must be the file the first one checked; otherwise the transaction is rolled back.
                if (imported != scan.Rows || Convert.ToHexStringLower(hash.GetHashAndReset()) != scan.Sha256)
                {
                    throw Refuse("The file changed while it was being imported; nothing was imported. Import it again.");
                }

                await transaction.CommitAsync(ct);
                return new Result(extract.Id, jurisdiction, period, imported, replaced);
            });
        }

        private static ExtractRecord ReadAgain(string text)
        {
            try
            {
                return JsonSerializer.Deserialize<ExtractRecord>(text, ExtractRecord.JsonOptions)
                    ?? throw Refuse("The file changed while it was being imported; nothing was imported. Import it again.");
            }
            catch (JsonException)
            {
                throw Refuse("The file changed while it was being imported; nothing was imported. Import it again.");
            }
        }
    }

    /// <summary>Pass 1: every line read, checked and forgotten; only what the file-wide rules need is kept.</summary>
    private static async Task<Scan> ScanAsync(ExtractFile file, CancellationToken ct)
    {
        var scan = new Scan();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            await using var stream = file.Open();
            await foreach (var line in ReadLinesAsync(stream, hash, ct))
            {
                if (line.TooLong)
                {
                    scan.Problem(line.Number, string.Create(CultureInfo.InvariantCulture, $"is longer than {MaxLineChars:N0} characters; an extract line is a few thousand"));
                    continue;
                }

                if (string.IsNullOrWhiteSpace(line.Text))
                {
                    continue;
                }

                scan.Rows++;
                Check(scan, line);
            }
        }
        catch (DecoderFallbackException)
        {
            throw Refuse("The file is not UTF-8 text, so it is not an extract (a spreadsheet or a document, perhaps). " + Choose);
        }

        scan.Sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        return scan;
    }

    private static void Check(Scan scan, Line line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line.Text, LineOptions);
        }
        catch (JsonException ex)
        {
            if (scan.Rows == 1 && LooksLikeCsv(line.Text))
            {
                throw Refuse("The file looks like CSV (values separated by commas). The hub imports the JSON Lines file (.jsonl) of an extract, not its CSV.");
            }

            var where = ex.BytePositionInLine is long position ? string.Create(CultureInfo.InvariantCulture, $" near character {position + 1}") : string.Empty;
            scan.Problem(line.Number, $"is not valid JSON{where}; each line must be one JSON object");
            return;
        }

        using (document)
        {
            var problems = ExtractSchema.Problems(document.RootElement);
            foreach (var problem in problems)
            {
                scan.Problem(line.Number, problem);
            }

            if (problems.Count > 0)
            {
                return;
            }

            ExtractRecord? record;
            try
            {
                record = document.RootElement.Deserialize<ExtractRecord>(ExtractRecord.JsonOptions);
            }
            catch (JsonException)
            {
                record = null;
            }

            if (record is null)
            {
                // The schema's patterns let through what no calendar has (year 0000): the type refuses it.
                scan.Problem(line.Number, "holds a value the schema allows but the extract cannot read (a month of year 0000?)");
                return;
            }

            CheckAgainstFile(scan, line.Number, record);
        }
    }

    /// <summary>The rules between lines: one jurisdiction and one period per file, each approval inside it, each review once.</summary>
    private static void CheckAgainstFile(Scan scan, int number, ExtractRecord record)
    {
        if (scan.Jurisdiction is null)
        {
            scan.Jurisdiction = record.Jurisdiction;
            scan.Period = record.Period;
            scan.FirstLine = number;
            if (record.Period.From > record.Period.To)
            {
                scan.Problem(number, $"/period: starts ({record.Period.From}) after it ends ({record.Period.To})");
            }
        }
        else
        {
            if (!string.Equals(record.Jurisdiction, scan.Jurisdiction, StringComparison.Ordinal))
            {
                scan.Problem(number, string.Create(CultureInfo.InvariantCulture, $"/jurisdiction: is {record.Jurisdiction}, but line {scan.FirstLine} is {scan.Jurisdiction}; a file holds one jurisdiction's extract"));
            }

            if (record.Period != scan.Period)
            {
                scan.Problem(number, string.Create(CultureInfo.InvariantCulture, $"/period: is {record.Period.From} to {record.Period.To}, but line {scan.FirstLine} has {scan.Period!.From} to {scan.Period.To}; every line of a file has the same period"));
            }
        }

        if (!record.Period.Contains(record.ApprovedMonth))
        {
            scan.Problem(number, $"/approvedMonth: {record.ApprovedMonth} is outside the period {record.Period.From} to {record.Period.To}");
        }

        if (!scan.Pseudonyms.TryAdd(record.Review, number))
        {
            scan.Problem(number, string.Create(CultureInfo.InvariantCulture, $"/review: the same review is already on line {scan.Pseudonyms[record.Review]}; each review appears once"));
        }
    }

    private static bool LooksLikeCsv(string text)
    {
        var start = text.TrimStart();
        return !start.StartsWith('{') && !start.StartsWith('[') && start.Contains(',', StringComparison.Ordinal);
    }

    private static ValidationException Refuse(string message) => ValidationException.For(nameof(Command.File), message);

    /// <summary>
    /// The file's lines, decoded as strict UTF-8 while the bytes are hashed and counted; a line is
    /// never held longer than <see cref="MaxLineChars"/> (the rest of it is skipped and the line marked).
    /// </summary>
    private static async IAsyncEnumerable<Line> ReadLinesAsync(Stream stream, IncrementalHash hash, [EnumeratorCancellation] CancellationToken ct)
    {
        var decoder = StrictUtf8.GetDecoder();
        var bytes = new byte[64 * 1024];
        var chars = new char[StrictUtf8.GetMaxCharCount(bytes.Length)];
        var current = new StringBuilder();
        var tooLong = false;
        var number = 1;
        long total = 0;
        while (true)
        {
            var read = await stream.ReadAsync(bytes, ct);
            total += read;
            if (total > MaxBytes)
            {
                throw Refuse($"The file is larger than {MaxSizeText}, the most the hub imports at once. Ask the jurisdiction for extracts of shorter periods.");
            }

            hash.AppendData(bytes, 0, read);
            var count = decoder.GetChars(bytes, 0, read, chars, 0, flush: read == 0);
            ReadOnlyMemory<char> rest = chars.AsMemory(0, count);
            if (rest.Span.Contains('\0'))
            {
                throw Refuse("The file holds binary data, so it is not an extract. " + Choose);
            }

            while (!rest.IsEmpty)
            {
                var end = rest.Span.IndexOf('\n');
                var piece = end < 0 ? rest : rest[..end];
                if (current.Length + piece.Length <= MaxLineChars)
                {
                    current.Append(piece);
                }
                else
                {
                    tooLong = true;
                }

                if (end < 0)
                {
                    break;
                }

                yield return Finish();
                rest = rest[(end + 1)..];
            }

            if (read == 0)
            {
                break;
            }
        }

        if (current.Length > 0 || tooLong)
        {
            yield return Finish();
        }

        Line Finish()
        {
            var text = current.ToString().TrimEnd('\r');
            if (number == 1)
            {
                // Editors on Windows often save with a byte-order mark; it is not part of the JSON.
                text = text.TrimStart('\uFEFF');
            }

            var line = new Line(number++, tooLong ? string.Empty : text, tooLong);
            current.Clear();
            tooLong = false;
            return line;
        }
    }

    private readonly record struct Line(int Number, string Text, bool TooLong);

    private sealed class Scan
    {
        private readonly List<string> _problems = [];

        public int Rows { get; set; }

        public int ProblemCount { get; private set; }

        public IReadOnlyList<string> Problems => _problems;

        public string? Jurisdiction { get; set; }

        public ExtractPeriod? Period { get; set; }

        public int FirstLine { get; set; }

        /// <summary>Each review's pseudonym and the line it is on: the one thing kept per line (a few MB for 50,000 lines).</summary>
        public Dictionary<string, int> Pseudonyms { get; } = new(StringComparer.Ordinal);

        public string Sha256 { get; set; } = string.Empty;

        public void Problem(int line, string problem)
        {
            ProblemCount++;
            if (_problems.Count < MaxProblems)
            {
                _problems.Add(string.Create(CultureInfo.InvariantCulture, $"line {line}: {problem}"));
            }
        }
    }

    // Counts and ids only: a refused line may hold what should never have left its jurisdiction (ADR 0006).
    [LoggerMessage(Level = LogLevel.Information, Message = "Hub extract {ExtractId} imported: {Rows} rows, {Replaced} rows replaced")]
    private static partial void LogImported(ILogger logger, int extractId, int rows, int replaced);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hub extract refused: {Rows} rows read, {Problems} problems")]
    private static partial void LogRefused(ILogger logger, int rows, int problems);
}
