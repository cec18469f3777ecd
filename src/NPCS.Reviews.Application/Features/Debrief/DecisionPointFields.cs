using FluentValidation;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Debrief;

/// <summary>
/// The decision-point form's fields, shared by "add" (the live capture form) and "edit". Everything
/// is nullable so an empty field reaches the validator and gets its own message.
/// </summary>
public class DecisionPointFields
{
    public DateOnly? Date { get; set; }

    public int? ChronologyEntryId { get; set; }

    public DeciderRole? Role { get; set; }

    public string? Decision { get; set; }

    public string? Cues { get; set; }

    public string? Knew { get; set; }

    public string? Expected { get; set; }

    public List<Pressure> Pressures { get; set; } = [];

    public string? Context { get; set; }

    /// <summary>Only called after validation has passed, so every required value is present.</summary>
    public DecisionDetails ToDetails() => new(
        Date!.Value,
        ChronologyEntryId,
        Role!.Value,
        Decision!,
        Cues,
        Knew,
        Expected,
        Pressures.Aggregate(Pressure.None, (all, one) => all | one),
        Context);

    public void CopyFrom(DecisionPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        Date = point.Date;
        ChronologyEntryId = point.ChronologyEntryId;
        Role = point.Role;
        Decision = point.Decision;
        Cues = point.Cues;
        Knew = point.Knew;
        Expected = point.Expected;
        Pressures = [.. point.Pressures.Flags()];
        Context = point.Context;
    }

    /// <summary>
    /// The chronology entry the form links to, loaded only from this review. An id from another
    /// review (or a made-up one) is reported beside the field rather than as a missing page.
    /// </summary>
    public async Task<ChronologyEntry?> LinkedEntryAsync(ReviewsDbContext db, int reviewId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (ChronologyEntryId is not { } entryId)
        {
            return null;
        }

        return await db.ChronologyEntries.SingleOrDefaultAsync(e => e.Id == entryId && e.ReviewId == reviewId, ct)
            ?? throw Common.ValidationException.For(nameof(ChronologyEntryId), DecisionPointFieldsValidator.UnknownEntryMessage);
    }
}

/// <summary>The decision-point rules, with the messages shown beside each field.</summary>
public sealed class DecisionPointFieldsValidator : AbstractValidator<DecisionPointFields>
{
    public const string UnknownEntryMessage = "Choose a chronology entry of this review, or none.";

    /// <summary>No review concerns a decision before this date; it also keeps date arithmetic in range.</summary>
    public static readonly DateOnly EarliestDate = new(1990, 1, 1);

    public DecisionPointFieldsValidator(JurisdictionClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        const int max = DecisionPoint.TextMaxLength;

        RuleFor(x => x.Date)
            .NotNull().WithMessage("Enter the date of the decision.")
            .GreaterThanOrEqualTo(EarliestDate).WithMessage($"The date of the decision must be in {EarliestDate.Year} or later.")
            .MustAsync(async (date, ct) => date is null || date <= await clock.TodayAsync(ct))
            .WithMessage("The date of the decision cannot be in the future.");

        RuleFor(x => x.ChronologyEntryId)
            .GreaterThan(0).WithMessage(UnknownEntryMessage);

        RuleFor(x => x.Role)
            .NotNull().WithMessage("Choose the role of the person who decided.")
            .IsInEnum().WithMessage("Choose one of the listed roles.");

        RuleFor(x => x.Decision)
            .NotEmpty().WithMessage("Describe what was decided.")
            .MaximumLength(max).WithMessage($"What was decided can be at most {max:N0} characters.");
        RuleFor(x => x.Cues)
            .MaximumLength(max).WithMessage($"The cues can be at most {max:N0} characters.");
        RuleFor(x => x.Knew)
            .MaximumLength(max).WithMessage($"What the worker knew can be at most {max:N0} characters.");
        RuleFor(x => x.Expected)
            .MaximumLength(max).WithMessage($"What they expected can be at most {max:N0} characters.");
        RuleFor(x => x.Context)
            .MaximumLength(max).WithMessage($"The pressures and context can be at most {max:N0} characters.");

        RuleFor(x => x.Pressures)
            .Must(list => list.All(p => p != Pressure.None && Enum.IsDefined(p)))
            .WithMessage("Choose pressures only from the list.");
    }
}

/// <summary>A chronology entry as the live page's agenda and the link select show it: short.</summary>
public sealed record ChronologyItem(int Id, DateOnly Date, TimeOnly? Time, ChronologySource Source, string Summary)
{
    public const int SummaryLength = 140;

    /// <summary>The review's chronology in date order, each "what happened" cut to about 140 characters.</summary>
    public static async Task<IReadOnlyList<ChronologyItem>> ListAsync(ReviewsDbContext db, int reviewId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entries = await Entries(db, reviewId).ToListAsync(ct);
        return [.. entries.Select(e => e with { Summary = Shorten(e.Summary) })];
    }

    // Compiled once: every decision-point form lists the chronology.
    private static readonly Func<ReviewsDbContext, int, IAsyncEnumerable<ChronologyItem>> Entries = EF.CompileAsyncQuery(
        (ReviewsDbContext db, int reviewId) => db.ChronologyEntries.AsNoTracking()
            .Where(e => e.ReviewId == reviewId)
            .OrderBy(e => e.Date).ThenBy(e => e.Time).ThenBy(e => e.Id)
            .Select(e => new ChronologyItem(e.Id, e.Date, e.Time, e.Source, e.WhatHappened)));

    public static string Shorten(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= SummaryLength)
        {
            return flat;
        }

        // Cut at a word boundary so the agenda never ends mid-word.
        var cut = flat.LastIndexOf(' ', SummaryLength);
        return string.Concat(flat.AsSpan(0, cut > SummaryLength / 2 ? cut : SummaryLength), "…");
    }
}

/// <summary>Loads a review and one of its decision points for someone who runs the debrief; anyone else is refused before the point is read.</summary>
public static class ManagedDecisionPoint
{
    public static async Task<(Review Review, DecisionPoint Point)> LoadAsync(
        ReviewsDbContext db, ICurrentUser user, int reviewId, int pointId, bool tracked, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var review = tracked ? await db.FindReviewAsync(reviewId, ct) : await db.ReadReviewAsync(reviewId, ct);
        await DebriefTeam.EnsureCanManageAsync(db, user, review, ct);
        var point = await (tracked ? FindPoint : ReadPoint)(db, pointId, review.Id, ct) ?? throw new NotFoundException();
        return (review, point);
    }

    // Compiled once: the debrief's edit pages and their saves load the point at every call.
    private static readonly Func<ReviewsDbContext, int, int, CancellationToken, Task<DecisionPoint?>> FindPoint = EF.CompileAsyncQuery(
        (ReviewsDbContext db, int pointId, int reviewId, CancellationToken _) => db.DecisionPoints.SingleOrDefault(p => p.Id == pointId && p.ReviewId == reviewId));

    private static readonly Func<ReviewsDbContext, int, int, CancellationToken, Task<DecisionPoint?>> ReadPoint = EF.CompileAsyncQuery(
        (ReviewsDbContext db, int pointId, int reviewId, CancellationToken _) => db.DecisionPoints.AsNoTracking().SingleOrDefault(p => p.Id == pointId && p.ReviewId == reviewId));
}
