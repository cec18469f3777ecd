using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Data;

/// <summary>
/// Writes a history line for every change to a review or one of its parts, in the same save as the
/// change itself, so no handler can forget it and no change is saved without it. Lines name the
/// kind of change, never the content (see <see cref="ReviewChange"/>).
/// </summary>
internal static class ReviewHistory
{
    private static readonly string[] IntakeFields =
    [
        nameof(Review.IncidentType), nameof(Review.IncidentDate), nameof(Review.NotifiedDate), nameof(Review.ChildAgeMonths),
        nameof(Review.ChildSex), nameof(Review.ChildRaceEthnicity), nameof(Review.CaseReference), nameof(Review.OpenCaseAtIncident),
        nameof(Review.MostRecentContact), nameof(Review.PriorReportsCount), nameof(Review.PriorSubstantiated),
        nameof(Review.AllegedMaltreatment), nameof(Review.CauseCategory), nameof(Review.Summary),
    ];

    public static void Record(ReviewsDbContext db, string? userId, DateTimeOffset now)
    {
        // The history is append-only: a line is never changed or removed (the database refuses it too).
        if (db.ChangeTracker.Entries<ReviewChange>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The review history is append-only: its lines cannot be changed or deleted.");
        }

        // A save that failed and is tried again must not write its lines twice.
        foreach (var stale in db.ChangeTracker.Entries<ReviewChange>().Where(e => e.State == EntityState.Added).ToList())
        {
            stale.State = EntityState.Detached;
        }

        var lines = new List<ReviewChange>();
        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            switch (entry.Entity)
            {
                case Review review when Describe(entry, review) is { } text:
                    lines.Add(ReviewChange.Of(review, userId, now, text));
                    break;
                case IReviewPart part when Describe(db, entry, part) is { } text:
                    lines.Add(ReviewChange.Of(part.ReviewId, userId, now, text));
                    break;
            }
        }

        db.ReviewChanges.AddRange(lines);
    }

    private static string? Describe(EntityEntry entry, Review review)
    {
        if (entry.State == EntityState.Added)
        {
            return review.IsScreenedOut ? "Incident recorded and screened out" : "Incident recorded";
        }

        if (entry.State != EntityState.Modified)
        {
            return null;
        }

        var parts = new List<string>();
        var stage = entry.Property(nameof(Review.Stage));
        var from = (ReviewStage)stage.OriginalValue!;
        var to = review.Stage;
        if (HistoryValues.FieldChanges(entry, IntakeFields) is { } intake)
        {
            parts.Add($"Intake edited: {intake}");
        }

        if (from != to)
        {
            parts.Add(DescribeStageChange(entry, review, from, to));
        }

        if (Changed(entry, nameof(Review.AssignedFacilitatorId)))
        {
            parts.Add(review.AssignedFacilitatorId is null ? "Facilitator unassigned" : "Facilitator assigned");
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static string DescribeStageChange(EntityEntry entry, Review review, ReviewStage from, ReviewStage to)
    {
        if (from == ReviewStage.ScreenedOut && Changed(entry, nameof(Review.ScreenOutOverriddenAt)))
        {
            return $"Screen-out overridden: {review.ScreenOutOverrideReason}";
        }

        if (to < from && Changed(entry, nameof(Review.ReopenedAt)))
        {
            return $"{to.DisplayName()} reopened: {review.ReopenReason}";
        }

        return (from, to) switch
        {
            (ReviewStage.Intake, ReviewStage.FamilyNeeds) => "Intake completed",
            (ReviewStage.FamilyNeeds, ReviewStage.Debrief) => review.NoUnmetNeedsReason is null
                ? "Family-needs analysis completed"
                : "Family-needs analysis completed with no unmet needs identified",
            (ReviewStage.Debrief, ReviewStage.Findings) => "Debrief completed",
            (ReviewStage.Findings, ReviewStage.Approval) => "Submitted for approval",
            (ReviewStage.Approval, ReviewStage.Approved) => "Approved",
            (ReviewStage.Approval, ReviewStage.Findings) => $"Returned to the facilitator: {review.ReturnComments}",
            (ReviewStage.Intake, ReviewStage.ScreenedOut) => "Intake edited: the incident no longer meets the criteria and is screened out",
            (ReviewStage.ScreenedOut, ReviewStage.Intake) => "Intake edited: the incident now meets the criteria",
            _ => $"Stage changed from {from.DisplayName()} to {to.DisplayName()}",
        };
    }

    private static string? Describe(ReviewsDbContext db, EntityEntry entry, IReviewPart part)
    {
        var action = entry.State switch
        {
            EntityState.Added => "added",
            EntityState.Deleted => "deleted",
            _ => FieldChanges(db, entry) is { } fields ? $"edited: {fields}" : "edited",
        };

        return part switch
        {
            ChronologyEntry => $"Chronology entry {action}",
            Need => $"Need {action}",

            // Everyone who may read the review reads its history; what a decision point says (even its
            // role, date or pressures) is for the debrief team only (ADR 0010).
            DecisionPoint => entry.State switch
            {
                EntityState.Added => "Decision point recorded",
                EntityState.Deleted => "Decision point deleted",
                _ => "Decision point edited",
            },
            FamilyNeedsAnalysis => DescribeAnalysis(entry),
            DebriefSession session => DescribeSession(entry, session),
            Finding => $"Finding {action}",
            ReviewAction reviewAction => DescribeAction(entry, reviewAction, action),
            _ => $"{part.GetType().Name} {action}",
        };
    }

    /// <summary>The field changes of a part; a finding's factor reads as the items' codes, not their ids.</summary>
    private static string? FieldChanges(ReviewsDbContext db, EntityEntry entry)
    {
        var fields = HistoryValues.FieldChanges(entry, except: [nameof(Finding.FactorItemId)]);
        if (entry.Entity is not Finding || !Changed(entry, nameof(Finding.FactorItemId)))
        {
            return fields;
        }

        var property = entry.Property(nameof(Finding.FactorItemId));
        string CodeOf(object? id) => id is int key && db.Set<Domain.Catalog.FactorItem>().Find(key) is { } item ? item.Code : "(unknown item)";
        var factor = $"Factor {CodeOf(property.OriginalValue)} → {CodeOf(property.CurrentValue)}";
        return fields is null ? factor : $"{factor}, {fields}";
    }

    private static string? DescribeAction(EntityEntry entry, ReviewAction reviewAction, string action)
    {
        if (entry.State == EntityState.Modified && Changed(entry, nameof(ReviewAction.Status)))
        {
            return $"Action marked {reviewAction.Status.DisplayName().ToLowerInvariant()}";
        }

        // The follow-up key moves only with the review's approval or reopening, which the review's own line says.
        if (entry.State == EntityState.Modified && Changed(entry, nameof(ReviewAction.FollowUpJurisdictionId))
            && !entry.Properties.Any(p => p.Metadata.Name != nameof(ReviewAction.FollowUpJurisdictionId) && Changed(entry, p.Metadata.Name)))
        {
            return null;
        }

        return $"Action {action}";
    }

    private static string DescribeAnalysis(EntityEntry entry)
    {
        var bias = Changed(entry, nameof(FamilyNeedsAnalysis.BiasAssumptions), nameof(FamilyNeedsAnalysis.BiasCultureAndRace),
            nameof(FamilyNeedsAnalysis.BiasPoverty), nameof(FamilyNeedsAnalysis.BiasDisability), nameof(FamilyNeedsAnalysis.BiasOtherFamily));
        var voice = Changed(entry, nameof(FamilyNeedsAnalysis.FamilyEngaged), nameof(FamilyNeedsAnalysis.EngagementHow), nameof(FamilyNeedsAnalysis.WhatTheySaid));
        return (bias, voice) switch
        {
            (true, false) => "Bias reflection saved",
            (false, true) => "Family and community voice saved",
            (true, true) => "Bias reflection and family voice saved",

            // Otherwise only the version moved: the protective factors (their own rows) were rated.
            _ => "Protective factors rated",
        };
    }

    private static string DescribeSession(EntityEntry entry, DebriefSession session)
    {
        var date = session.Date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        var name = $"Debrief session of {date}";
        var of = $"debrief session of {date}";
        if (entry.State == EntityState.Added)
        {
            return $"{name} scheduled";
        }

        if (Changed(entry, nameof(DebriefSession.Status)))
        {
            return session.Status == SessionStatus.Cancelled ? $"{name} cancelled" : $"{name} marked as held";
        }

        if (Changed(entry, nameof(DebriefSession.GroundRulesRecordedAt)))
        {
            return $"Ground rules recorded for the {of}";
        }

        if (Changed(entry, nameof(DebriefSession.Notes)))
        {
            return $"Notes of the {of} saved";
        }

        if (Changed(entry, nameof(DebriefSession.Date), nameof(DebriefSession.StartTime), nameof(DebriefSession.Location), nameof(DebriefSession.FacilitatorId)))
        {
            return $"{name} rescheduled or moved";
        }

        return $"Participants of the {of} changed";
    }

    /// <summary>For a new entity: whether any of the properties has a value. For a modified one: whether any really changed.</summary>
    private static bool Changed(EntityEntry entry, params string[] properties) =>
        properties.Select(entry.Property).Any(property => entry.State == EntityState.Added
            ? property.CurrentValue is not null
            : property.IsModified && !Equals(property.OriginalValue, property.CurrentValue));
}
