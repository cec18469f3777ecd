using System.Globalization;
using Mediator;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Domain.Surveys;

namespace NPCS.Reviews.Application.Features.Surveys;

/// <summary>
/// One page (one domain) of the questionnaire an invitation link opens, with the answers already
/// given on it. Nobody signs in: the link is the only key, and a used, closed or not yet open link
/// gets its state and no questions.
/// </summary>
public static class GetSurveyPage
{
    public sealed record Query(string? Token, int? Step) : IQuery<Result>;

    public sealed record Result(
        InvitationState State,
        string Title,
        DateOnly OpensOn,
        DateOnly ClosesOn,
        int Step,
        int Steps,
        string DomainName,
        IReadOnlyList<SurveyItemDefinition> Items,
        ScaleDefinition Scale,
        IReadOnlyDictionary<string, string> Answers);

    public sealed class Handler(ReviewsDbContext db, TimeProvider time) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var invitation = await SurveyInvitation.LoadAsync(db, query.Token, time, cancellationToken);
            var steps = invitation.Instrument.Domains.Count;
            var step = query.Step is int s && s >= 1 && s <= steps ? s : invitation.ResumeStep();
            var domain = invitation.Instrument.Domains[step - 1];
            var open = invitation.State == InvitationState.Open;
            return new Result(
                invitation.State,
                invitation.Wave.Title,
                invitation.Wave.OpensOn,
                invitation.Wave.ClosesOn,
                step,
                steps,
                open ? domain.Name : string.Empty,
                open ? domain.Items : [],
                invitation.Instrument.EffectiveScale,
                open ? FormValues(invitation.Answers, domain) : new Dictionary<string, string>());
        }

        private static Dictionary<string, string> FormValues(Dictionary<string, int?> answers, SurveyDomainDefinition domain) =>
            domain.Items.Where(i => answers.ContainsKey(i.Code)).ToDictionary(
                i => i.Code,
                i => answers[i.Code] is int v ? v.ToString(CultureInfo.InvariantCulture) : SaveSurveyPage.PreferNotToSay);
    }
}
