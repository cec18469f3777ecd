using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NPCS.Reviews.Application.Features.Hub;
using NPCS.Reviews.Application.Features.Sharing;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.TestSupport;

/// <summary>Extract lines and files as a jurisdiction would send them, and ways to break them by hand.</summary>
public static class Extracts
{
    public static readonly ExtractPeriod Q1 = new(new YearMonth(2026, 1), new YearMonth(2026, 3));

    /// <summary>A jurisdiction code no other test uses, so tests sharing a database do not meet.</summary>
    public static string NewJurisdiction() => "T" + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant();

    public static string NewPseudonym() => Guid.NewGuid().ToString("N");

    public static ExtractRecord Record(string jurisdiction, ExtractPeriod? period = null, YearMonth? approved = null, string? pseudonym = null, int rating = 2) => new()
    {
        Jurisdiction = jurisdiction,
        Period = period ?? Q1,
        Review = pseudonym ?? NewPseudonym(),
        ApprovedMonth = approved ?? (period ?? Q1).From,
        IncidentMonth = new YearMonth(2025, 11),
        IncidentType = IncidentType.Fatality,
        CauseCategory = CauseCategory.UnsafeSleep,
        ChildAgeBand = AgeBand.Under1,
        PriorInvolvement = new ExtractPriorInvolvement(YesNoUnknown.Yes, true, PriorReportsBand.FiveOrMore, YesNoUnknown.No),
        Needs = [new ExtractNeed(NeedCategory.Housing, NeedStatus.IdentifiedUnmet, [NeedBarrier.Waitlist, NeedBarrier.Eligibility])],
        ProtectiveFactors = [new ExtractProtectiveFactor(ProtectiveFactor.SocialConnections, FactorRating.Absent)],
        Findings = [new ExtractFinding("TEAM", "TEAM-1", 1, rating, [new ExtractAction(ActionStrength.Stronger, ActionStatus.Done, Effectiveness.Worked)])],
        DaysToFirstDebrief = 30,
        DaysToApproval = 120,
        CompletedOnTime = true,
    };

    public static string Line(ExtractRecord record) => JsonSerializer.Serialize(record, ExtractRecord.JsonOptions);

    /// <summary>The line with one change made to its JSON (a value replaced, a property added or removed).</summary>
    public static string Edit(ExtractRecord record, Action<JsonObject> change)
    {
        var node = JsonNode.Parse(Line(record))!.AsObject();
        change(node);
        return node.ToJsonString();
    }

    /// <summary><paramref name="count"/> valid lines of one jurisdiction and period, approvals spread over its months.</summary>
    public static List<string> Lines(string jurisdiction, int count, ExtractPeriod? period = null)
    {
        var p = period ?? Q1;
        var months = ((p.To.Year - p.From.Year) * 12) + p.To.Month - p.From.Month + 1;
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var month = p.From.FirstDay.AddMonths(i % months);
            return Line(Record(jurisdiction, p, YearMonth.Of(month)));
        })];
    }

    public static byte[] File(IEnumerable<string> lines) => Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");

    public static ImportExtract.Command Command(byte[] file) =>
        new() { File = new ImportExtract.ExtractFile(() => new MemoryStream(file, writable: false), file.Length) };
}
