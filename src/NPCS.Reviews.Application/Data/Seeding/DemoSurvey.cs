using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Features.Surveys;
using NPCS.Reviews.Domain.Jurisdictions;
using NPCS.Reviews.Domain.Surveys;

namespace NPCS.Reviews.Application.Data.Seeding;

/// <summary>
/// Development only: a closed Demo County wave of the default instrument with invented responses,
/// so the results page has something to show: two units above the minimum and one below it (folded
/// with the smallest shown one into "Other units"). Added once; seeding again changes nothing.
/// </summary>
internal sealed class DemoSurvey(ReviewsDbContext db)
{
    public const string Title = "Spring safety culture survey";

    private static readonly (string Unit, int Invited, int Answered, int Lean)[] Units =
    [
        ("Intake and investigations", 14, 11, 1),
        ("Ongoing services", 10, 7, 0),
        ("Permanency", 8, 6, -1),
        ("After-hours", 4, 3, -1),
    ];

    public async Task EnsureAsync(Jurisdiction demo, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.SurveyWaves.IgnoreQueryFilters().AnyAsync(w => w.JurisdictionId == demo.Id && w.Title == Title, ct))
        {
            return;
        }

        var instrument = await db.SurveyInstruments.IgnoreQueryFilters()
            .Where(i => i.JurisdictionId == demo.Id && i.Name == DefaultInstrument.Name).OrderBy(i => i.Version).Select(i => i.Id).FirstAsync(ct);
        var today = demo.Today(now);
        var wave = new SurveyWave(demo.Id, instrument, Title, today.AddDays(-120), today.AddDays(-99), Units.Select(u => (u.Unit, u.Invited)), now);
        db.SurveyWaves.Add(wave);
        await db.SaveChangesAsync(ct);

        var random = new Random(20261126);
        var items = DefaultInstrument.Definition.Items.ToList();
        foreach (var (unit, spec) in wave.Units.OrderBy(u => u.Order).Zip(Units))
        {
            for (var person = 0; person < unit.Invited; person++)
            {
                // Invented links whose tokens nobody holds: the wave is closed, they only count the rate.
                var link = new SurveyLink(wave.Id, unit.Id, SurveyTokens.Create().Hash);
                db.SurveyLinks.Add(link);
                if (person >= spec.Answered)
                {
                    continue;
                }

                link.Use();
                var answers = items.Select(item =>
                {
                    // Mostly favourable answers (4 to 7, shifted by the unit's lean), reverse items mirrored, and a few "prefer not to say".
                    var favourable = Math.Clamp(random.Next(3, 8) + spec.Lean, 1, 7);
                    int? value = random.Next(25) == 0 ? null : item.Reverse ? 8 - favourable : favourable;
                    return KeyValuePair.Create(item.Code, value);
                });
                db.SurveyResponses.Add(new SurveyResponse(wave.Id, unit.Id, wave.OpensOn.AddDays(random.Next(0, 20)), answers));
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
