using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Domain.Jurisdictions;
using NPCS.Reviews.Domain.Surveys;

namespace NPCS.Reviews.Application.Features.Surveys;

public enum InvitationState
{
    Open = 1,
    NotYetOpen = 2,
    Closed = 3,
    Used = 4,
}

/// <summary>
/// What one invitation link opens: found by its token's hash alone (the person answering is not
/// signed in, so the jurisdiction filters are bypassed here and only here), with its wave, its
/// instrument, the agency's date and the draft answers so far.
/// </summary>
internal sealed class SurveyInvitation
{
    private SurveyInvitation(SurveyLink link, SurveyWave wave, InstrumentDefinition instrument, DateOnly today, SurveyDraft? draft)
    {
        Link = link;
        Wave = wave;
        Instrument = instrument;
        Today = today;
        Draft = draft;
        Answers = draft is null ? [] : JsonSerializer.Deserialize<Dictionary<string, int?>>(draft.Answers) ?? [];
    }

    public SurveyLink Link { get; }

    public SurveyWave Wave { get; }

    public InstrumentDefinition Instrument { get; }

    public DateOnly Today { get; }

    public SurveyDraft? Draft { get; }

    /// <summary>Item code to answer so far; null is "prefer not to say".</summary>
    public Dictionary<string, int?> Answers { get; }

    public InvitationState State =>
        Link.Used ? InvitationState.Used
        : Today < Wave.OpensOn ? InvitationState.NotYetOpen
        : Today > Wave.ClosesOn ? InvitationState.Closed
        : InvitationState.Open;

    /// <summary>The invitation of <paramref name="token"/>; an unknown token is <see cref="NotFoundException"/> (404).</summary>
    public static async Task<SurveyInvitation> LoadAsync(ReviewsDbContext db, string? token, TimeProvider time, CancellationToken ct)
    {
        var hash = SurveyTokens.Hash(token);
        var link = await db.SurveyLinks.IgnoreQueryFilters().SingleOrDefaultAsync(l => l.TokenHash == hash, ct) ?? throw new NotFoundException();
        var wave = await db.SurveyWaves.IgnoreQueryFilters().SingleAsync(w => w.Id == link.WaveId, ct);
        var definition = await db.SurveyInstruments.IgnoreQueryFilters().Where(i => i.Id == wave.InstrumentId).Select(i => i.Definition).SingleAsync(ct);
        var zone = await db.Jurisdictions.IgnoreQueryFilters().Where(j => j.Id == wave.JurisdictionId).Select(j => j.TimeZoneId).SingleAsync(ct);
        var draft = await db.SurveyDrafts.IgnoreQueryFilters().SingleOrDefaultAsync(d => d.LinkHash == hash, ct);
        return new SurveyInvitation(link, wave, SurveyJson.Read(definition), Jurisdiction.TodayIn(zone, time.GetUtcNow()), draft);
    }

    public string SerializeAnswers() => JsonSerializer.Serialize(Answers);

    /// <summary>The first page with an unanswered item, or the last page when all are answered.</summary>
    public int ResumeStep()
    {
        for (var i = 0; i < Instrument.Domains.Count; i++)
        {
            if (Instrument.Domains[i].Items.Any(item => !Answers.ContainsKey(item.Code)))
            {
                return i + 1;
            }
        }

        return Instrument.Domains.Count;
    }
}
