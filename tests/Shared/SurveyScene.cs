using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Surveys;
using NPCS.Reviews.Domain.Surveys;

namespace NPCS.Reviews.TestSupport;

/// <summary>A wave opened straight in the database, and its links' tokens by unit.</summary>
public sealed record SurveySceneWave(int WaveId, IReadOnlyDictionary<string, IReadOnlyList<string>> Tokens);

/// <summary>
/// Sets the scene for survey tests: a wave of a jurisdiction's current instrument with the given
/// units, and one link (token kept by the test) for each invited person. Opening, answering and
/// results are tested through their handlers and pages; this only gets a test to its starting point.
/// </summary>
public static class SurveyScene
{
    public static async Task<SurveySceneWave> OpenAsync(ReviewsDbContext db, string jurisdictionCode, DateOnly opensOn, DateOnly closesOn, params (string Name, int Invited)[] units)
    {
        ArgumentNullException.ThrowIfNull(db);
        var jurisdictionId = await db.Jurisdictions.IgnoreQueryFilters().Where(j => j.Code == jurisdictionCode).Select(j => j.Id).SingleAsync();
        var instrumentId = await db.SurveyInstruments.IgnoreQueryFilters().Where(i => i.JurisdictionId == jurisdictionId && i.Name == DefaultInstrument.Name).Select(i => i.Id).FirstAsync();
        var wave = new SurveyWave(jurisdictionId, instrumentId, "Scene wave " + Guid.NewGuid().ToString("N")[..6], opensOn, closesOn, units, DateTimeOffset.UtcNow);
        db.SurveyWaves.Add(wave);
        await db.SaveChangesAsync();
        var tokens = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var unit in wave.Units)
        {
            var list = new List<string>();
            for (var i = 0; i < unit.Invited; i++)
            {
                var (token, hash) = SurveyTokens.Create();
                db.SurveyLinks.Add(new SurveyLink(wave.Id, unit.Id, hash));
                list.Add(token);
            }

            tokens[unit.Name] = list;
        }

        await db.SaveChangesAsync();
        return new SurveySceneWave(wave.Id, tokens);
    }

    /// <summary>Every item of the default instrument answered with <paramref name="value"/> (a form value: "1".."7" or "none").</summary>
    public static Dictionary<string, string?> AllAnswered(string value) =>
        DefaultInstrument.Definition.Items.ToDictionary(i => i.Code, _ => (string?)value);

    /// <summary>
    /// Stores <paramref name="count"/> responses of a unit as the questionnaire would (the unit's links
    /// marked used, every item answered <paramref name="value"/>), for tests about the results.
    /// </summary>
    public static async Task AddResponsesAsync(ReviewsDbContext db, int waveId, string unit, int count, int value, DateOnly submittedOn)
    {
        ArgumentNullException.ThrowIfNull(db);
        var unitId = await db.SurveyUnits.IgnoreQueryFilters().Where(u => u.WaveId == waveId && u.Name == unit).Select(u => u.Id).SingleAsync();
        var links = await db.SurveyLinks.IgnoreQueryFilters().Where(l => l.UnitId == unitId && !l.Used).Take(count).ToListAsync();
        for (var i = 0; i < count; i++)
        {
            db.SurveyResponses.Add(new SurveyResponse(waveId, unitId, submittedOn, DefaultInstrument.Definition.Items.Select(item => KeyValuePair.Create(item.Code, (int?)value))));
            if (i < links.Count)
            {
                links[i].Use();
            }
        }

        await db.SaveChangesAsync();
    }
}
