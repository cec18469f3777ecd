using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain;
using NPCS.Reviews.Domain.Surveys;

namespace NPCS.Reviews.Application.Features.Surveys;

/// <summary>
/// One single-use invitation link per invited person. Only the tokens' hashes are stored, so the
/// links are shown once, in the answer to this command; making them again replaces every link not
/// yet used (a lost list is replaced, never recovered), and used links stay counted.
/// </summary>
public static class MakeLinks
{
    [Authorize(Roles.Administrator)]
    public sealed record Command(int WaveId) : ICommand<Result>;

    public sealed record Result(string Title, DateOnly OpensOn, DateOnly ClosesOn, IReadOnlyList<UnitLinks> Units);

    /// <summary>A unit's new tokens (to be put in links by the page).</summary>
    public sealed record UnitLinks(string Unit, int Used, IReadOnlyList<string> Tokens);

    public sealed class Handler(ReviewsDbContext db, JurisdictionClock clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var wave = await db.SurveyWaves.SingleOrDefaultAsync(w => w.Id == command.WaveId, cancellationToken) ?? throw new NotFoundException();
            if (await clock.TodayAsync(cancellationToken) > wave.ClosesOn)
            {
                throw new DomainException("This wave has closed: its links no longer work, so no new ones are made.");
            }

            var links = await db.SurveyLinks.Where(l => l.WaveId == wave.Id).ToListAsync(cancellationToken);
            var unused = links.Where(l => !l.Used).ToList();
            db.SurveyLinks.RemoveRange(unused);
            db.SurveyDrafts.RemoveRange(await db.SurveyDrafts.Where(d => unused.Select(l => l.TokenHash).Contains(d.LinkHash)).ToListAsync(cancellationToken));
            var units = new List<UnitLinks>();
            foreach (var unit in wave.Units.OrderBy(u => u.Order))
            {
                var used = links.Count(l => l.UnitId == unit.Id && l.Used);
                var tokens = new List<string>();
                for (var i = used; i < unit.Invited; i++)
                {
                    var (token, hash) = SurveyTokens.Create();
                    db.SurveyLinks.Add(new SurveyLink(wave.Id, unit.Id, hash));
                    tokens.Add(token);
                }

                units.Add(new UnitLinks(unit.Name, used, tokens));
            }

            await db.SaveChangesAsync(cancellationToken);
            return new Result(wave.Title, wave.OpensOn, wave.ClosesOn, units);
        }
    }
}
