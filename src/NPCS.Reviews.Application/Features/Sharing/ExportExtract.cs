using System.Globalization;
using System.Text;
using System.Text.Json;
using FluentValidation;
using Mediator;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Sharing;

/// <summary>
/// A jurisdiction's de-identified extract of the reviews approved in a period, as JSON Lines (what
/// the NPCS hub imports) or CSV (for the agency's own tools). Streamed: the handler checks the
/// request and returns a writer; the writer reads the reviews in batches while the response goes
/// out, so memory does not grow with the number of reviews, and records the export when it is done.
/// </summary>
public static class ExportExtract
{
    /// <summary>An extract covers at most this many months (ten years): periods are months, quarters or years.</summary>
    public const int MaxMonths = 120;

    [Authorize(Roles.Administrator)]
    public sealed class Query : IQuery<Result>
    {
        /// <summary>First approval month, yyyy-MM (what an input of type month sends).</summary>
        public string? From { get; set; }

        /// <summary>Last approval month, yyyy-MM.</summary>
        public string? To { get; set; }

        public ExtractFormat? Format { get; set; }
    }

    public sealed record Result(string FileName, string ContentType, Func<Stream, CancellationToken, Task> WriteAsync);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(JurisdictionClock clock)
        {
            RuleFor(x => x.From)
                .NotEmpty().WithMessage("Enter the first month of the period.")
                .Must(m => YearMonth.TryParse(m, out _)).WithMessage("Enter the first month as a month and year, for example 2026-01.");
            RuleFor(x => x.To)
                .NotEmpty().WithMessage("Enter the last month of the period.")
                .Must(m => YearMonth.TryParse(m, out _)).WithMessage("Enter the last month as a month and year, for example 2026-12.")
                .DependentRules(() =>
                {
                    RuleFor(x => x.To)
                        .Must((q, to) => !YearMonth.TryParse(q.From, out var from) || Parse(to) >= from)
                        .WithMessage("The last month cannot be before the first month.")
                        .Must((q, to) => !YearMonth.TryParse(q.From, out var from) || Parse(to) < from.AddMonths(MaxMonths))
                        .WithMessage($"An extract covers at most {MaxMonths / 12} years; export a shorter period.")
                        .MustAsync(async (to, ct) => Parse(to) <= YearMonth.Of(await clock.TodayAsync(ct)))
                        .WithMessage("The last month cannot be in the future.");
                });
            RuleFor(x => x.Format)
                .NotNull().WithMessage("Choose a format.")
                .IsInEnum().WithMessage("Choose a format from the list.");
        }
    }

    public sealed class Handler(ExtractSource source, ReviewsDbContext db, ICurrentUser user, TimeProvider time) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var userId = user.RequireUserId();
            var jurisdictionId = user.RequireJurisdictionId();
            var period = new ExtractPeriod(Parse(query.From), Parse(query.To));
            var format = query.Format!.Value;
            var owner = await source.OwnerAsync(cancellationToken);
            var name = string.Create(CultureInfo.InvariantCulture, $"npcs-extract-{owner.Code}-{period.From}-to-{period.To}.{(format == ExtractFormat.Csv ? "csv" : "jsonl")}");
            var contentType = format == ExtractFormat.Csv ? "text/csv; charset=utf-8" : "application/jsonl; charset=utf-8";

            async Task WriteAsync(Stream body, CancellationToken ct)
            {
                var records = source.ReadAsync(owner, period, ct: ct);
                var rows = format == ExtractFormat.Csv
                    ? await ExtractCsv.WriteAsync(records, body, ct)
                    : await WriteJsonLinesAsync(records, body, ct);

                // Recorded once the whole file went out: a download broken off halfway is not an export.
                db.ExtractExports.Add(new ExtractExport(jurisdictionId, period.From.FirstDay, period.To.FirstDay, format, rows, userId, time.GetUtcNow()));
                await db.SaveChangesAsync(ct);
            }

            return new Result(name, contentType, WriteAsync);
        }

        private static async Task<int> WriteJsonLinesAsync(IAsyncEnumerable<ExtractRecord> records, Stream body, CancellationToken ct)
        {
            var rows = 0;
            var newline = "\n"u8.ToArray();
            await foreach (var record in records.WithCancellation(ct))
            {
                await JsonSerializer.SerializeAsync(body, record, ExtractRecord.JsonOptions, ct);
                await body.WriteAsync(newline, ct);
                if (++rows % ExtractSource.DefaultBatchSize == 0)
                {
                    await body.FlushAsync(ct);
                }
            }

            return rows;
        }
    }

    private static YearMonth Parse(string? month) => YearMonth.TryParse(month, out var parsed) ? parsed : default;
}

/// <summary>
/// The extract as CSV: one row a review, the same fields as a JSON line; lists are written as
/// <c>;</c>-separated items whose parts are separated by <c>:</c> (columns documented in docs/data-dictionary.md).
/// </summary>
public static class ExtractCsv
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "schemaVersion", "jurisdiction", "periodFrom", "periodTo", "review", "approvedMonth", "incidentMonth", "incidentType", "causeCategory",
        "childAgeBand", "openCase", "contactInPast3Years", "priorReports", "priorSubstantiated", "daysToFirstDebrief", "daysToApproval",
        "completedOnTime", "needs", "protectiveFactors", "findings", "actions",
    ];

    public static async Task<int> WriteAsync(IAsyncEnumerable<ExtractRecord> records, Stream body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(records);
        var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true) { NewLine = "\r\n" };
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteLineAsync(Csv.Line(Columns));
            var rows = 0;
            await foreach (var record in records.WithCancellation(ct))
            {
                await writer.WriteLineAsync(Csv.Line(Fields(record)));
                if (++rows % ExtractSource.DefaultBatchSize == 0)
                {
                    await writer.FlushAsync(ct);
                }
            }

            await writer.FlushAsync(ct);
            return rows;
        }
    }

    public static IReadOnlyList<string> Fields(ExtractRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var p = record.PriorInvolvement;
        return
        [
            record.Version, record.Jurisdiction, record.Period.From.ToString(), record.Period.To.ToString(), record.Review,
            record.ApprovedMonth.ToString(), record.IncidentMonth.ToString(), Bands.Label(record.IncidentType), Bands.Label(record.CauseCategory),
            Bands.Label(record.ChildAgeBand), Bands.Label(p.OpenCase), p.ContactInPast3Years ? "true" : "false", Bands.Label(p.PriorReports),
            Bands.Label(p.PriorSubstantiated), record.DaysToFirstDebrief?.ToString(CultureInfo.InvariantCulture) ?? "",
            record.DaysToApproval.ToString(CultureInfo.InvariantCulture), record.CompletedOnTime ? "true" : "false",
            string.Join(';', record.Needs.Select(n => string.Join(':', [Bands.Label(n.Category), Bands.Label(n.Status), .. n.Barriers.Select(Bands.Label)]))),
            string.Join(';', record.ProtectiveFactors.Select(f => $"{Bands.Label(f.Factor)}:{Bands.Label(f.Rating)}")),
            string.Join(';', record.Findings.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Domain}:{f.Item}:{f.CatalogVersion}:{f.Rating}"))),
            string.Join(';', record.Findings.SelectMany(f => f.Actions.Select(a =>
                $"{f.Item}:{Bands.Label(a.Strength)}:{Bands.Label(a.Status)}{(a.Effectiveness is { } e ? ":" + Bands.Label(e) : "")}"))),
        ];
    }
}
