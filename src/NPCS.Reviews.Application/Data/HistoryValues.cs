using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Data;

/// <summary>
/// The "what changed" of a history line: for structured fields (choices, dates, numbers) the old and
/// the new value; for free text only that it changed, because narrative and confidential text must
/// not be copied into a history every reader of the review can see.
/// </summary>
internal static partial class HistoryValues
{
    /// <summary>Bookkeeping columns: who and when are the line itself; versions and keys mean nothing to a reader.</summary>
    private static readonly HashSet<string> Bookkeeping = new(StringComparer.Ordinal)
    {
        "Id", "ReviewId", "Version", "Concurrency", "UpdatedAt", "CreatedAt", "CaseReferenceKey", "RecordedAt", "SessionId", "FindingId", "FollowUpJurisdictionId",
    };

    public static string? FieldChanges(EntityEntry entry, IReadOnlyCollection<string>? only = null, IReadOnlyCollection<string>? except = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.State != EntityState.Modified)
        {
            return null;
        }

        var changes = new List<string>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (!property.IsModified || Equals(property.OriginalValue, property.CurrentValue) || Bookkeeping.Contains(name)
                || name.EndsWith("UserId", StringComparison.Ordinal) || (only is not null && !only.Contains(name)) || (except is not null && except.Contains(name)))
            {
                continue;
            }

            var label = Label(name);
            changes.Add(property.Metadata.ClrType == typeof(string)
                ? $"{label} changed"
                : $"{label} {Format(name, property.OriginalValue)} → {Format(name, property.CurrentValue)}");
        }

        return changes.Count == 0 ? null : string.Join(", ", changes);
    }

    /// <summary>"ChildAgeMonths" reads "Child age", "IncidentDate" reads "Incident date".</summary>
    private static string Label(string property)
    {
        var words = Words().Replace(property, " $1").Trim();
        words = words.Replace(" Months", string.Empty, StringComparison.Ordinal).Replace(" Id", string.Empty, StringComparison.Ordinal);
        return char.ToUpperInvariant(words[0]) + words[1..].ToLowerInvariant();
    }

    private static string Format(string property, object? value) => value switch
    {
        null => "(none)",
        int months when property == nameof(Review.ChildAgeMonths) => DisplayNames.FormatAge(months),
        DateOnly date => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture),
        TimeOnly time => time.ToString("HH:mm", CultureInfo.InvariantCulture),
        DateTimeOffset instant => instant.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture),
        bool flag => flag ? "yes" : "no",
        Enum choice => Choice(choice),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => "(changed)",
    };

    private static string Choice(Enum value) => value switch
    {
        ReviewStage x => x.DisplayName(),
        IncidentType x => x.DisplayName(),
        ChildSex x => x.DisplayName(),
        YesNoUnknown x => x.DisplayName(),
        CauseCategory x => x.DisplayName(),
        RaceEthnicity x => Join(x.Flags().Select(f => f.DisplayName())),
        MaltreatmentType x => Join(x.Flags().Select(f => f.DisplayName())),
        ChronologySource x => x.DisplayName(),
        NeedCategory x => x.DisplayName(),
        NeedStatus x => x.DisplayName(),
        NeedBarrier x => Join(x.Flags().Select(f => f.DisplayName())),
        FactorRating x => x.DisplayName(),
        SessionStatus x => x.DisplayName(),
        ParticipantAgency x => x.DisplayName(),
        DeciderRole x => x.DisplayName(),
        Pressure x => Join(x.Flags().Select(f => f.DisplayName())),
        ActionStrength x => x.DisplayName(),
        ActionStatus x => x.DisplayName(),
        Effectiveness x => x.DisplayName(),
        _ => value.ToString(),
    };

    private static string Join(IEnumerable<string> names)
    {
        var text = string.Join(" + ", names);
        return text.Length == 0 ? "(none)" : text;
    }

    [GeneratedRegex("([A-Z])")]
    private static partial Regex Words();
}
