using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Domain;
using NPCS.Reviews.Domain.Surveys;

namespace NPCS.Reviews.Application.Features.Surveys;

/// <summary>
/// Saves one page of answers into the link's draft and moves back or on; the last page submits.
/// Submitting stores the response (unit, answers, date), marks the link used and deletes the draft
/// in one save, so afterwards nothing ties the response to the link. Answers are never logged.
/// </summary>
public static class SaveSurveyPage
{
    /// <summary>The form value of "prefer not to say".</summary>
    public const string PreferNotToSay = "none";

    public enum Move
    {
        Next = 0,
        Back = 1,
        Submit = 2,
    }

    public sealed class Command : ICommand<Result>
    {
        /// <summary>From the address, not the form.</summary>
        public string? Token { get; set; }

        public int Step { get; set; }

        /// <summary>Item code to the chosen value: a point of the scale, or "none" (prefer not to say).</summary>
        public Dictionary<string, string?> Answers { get; set; } = [];

        public Move Move { get; set; }
    }

    /// <summary>The page to show next, or <see cref="Submitted"/>.</summary>
    public sealed record Result(int NextStep, bool Submitted);

    public sealed class Handler(ReviewsDbContext db, TimeProvider time) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var invitation = await SurveyInvitation.LoadAsync(db, command.Token, time, cancellationToken);
            switch (invitation.State)
            {
                case InvitationState.Used:
                    throw new DomainException("This link has already been used to answer the survey; each link works once.");
                case InvitationState.NotYetOpen:
                    throw new DomainException("This survey is not open yet.");
                case InvitationState.Closed:
                    throw new DomainException("This survey has closed; answers are no longer accepted.");
            }

            var domains = invitation.Instrument.Domains;
            if (command.Step < 1 || command.Step > domains.Count)
            {
                throw new DomainException("This page of the survey does not exist. Open your link again to continue.");
            }

            var scale = invitation.Instrument.EffectiveScale;
            var errors = new Dictionary<string, string[]>();
            foreach (var item in domains[command.Step - 1].Items)
            {
                var given = command.Answers?.GetValueOrDefault(item.Code);
                if (string.IsNullOrEmpty(given))
                {
                    if (command.Move != Move.Back)
                    {
                        errors[$"{nameof(Command.Answers)}[{item.Code}]"] = ["Choose an answer, or \"Prefer not to say\"."];
                    }

                    continue;
                }

                if (given == SaveSurveyPage.PreferNotToSay)
                {
                    invitation.Answers[item.Code] = null;
                }
                else if (int.TryParse(given, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && scale.Contains(value))
                {
                    invitation.Answers[item.Code] = value;
                }
                else
                {
                    errors[$"{nameof(Command.Answers)}[{item.Code}]"] = ["Choose one of the answers offered."];
                }
            }

            if (errors.Count > 0)
            {
                throw new ValidationException(errors);
            }

            if (command.Move == Move.Submit)
            {
                return await SubmitAsync(invitation, cancellationToken);
            }

            if (invitation.Draft is null)
            {
                db.SurveyDrafts.Add(new SurveyDraft(invitation.Link.TokenHash, invitation.SerializeAnswers()));
            }
            else
            {
                invitation.Draft.Replace(invitation.SerializeAnswers());
            }

            await db.SaveChangesAsync(cancellationToken);
            var next = command.Move == Move.Back ? Math.Max(1, command.Step - 1) : Math.Min(domains.Count, command.Step + 1);
            return new Result(next, false);
        }

        private async Task<Result> SubmitAsync(SurveyInvitation invitation, CancellationToken ct)
        {
            var missing = invitation.Instrument.Domains
                .Select((d, i) => (Step: i + 1, Missing: d.Items.Any(item => !invitation.Answers.ContainsKey(item.Code))))
                .FirstOrDefault(p => p.Missing);
            if (missing.Missing)
            {
                throw new DomainException(string.Create(CultureInfo.InvariantCulture, $"Some questions on page {missing.Step} are not answered yet. Go back to that page to answer them (or choose \"Prefer not to say\")."));
            }

            var codes = invitation.Instrument.Items.Select(i => i.Code).ToHashSet(StringComparer.Ordinal);
            db.SurveyResponses.Add(new SurveyResponse(
                invitation.Wave.Id,
                invitation.Link.UnitId,
                invitation.Today,
                invitation.Answers.Where(a => codes.Contains(a.Key))));
            invitation.Link.Use();
            if (invitation.Draft is not null)
            {
                db.SurveyDrafts.Remove(invitation.Draft);
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException ex)
            {
                // The same link submitted twice at once: the first one counted.
                throw new DomainException("This link has already been used to answer the survey; each link works once.", ex);
            }

            return new Result(invitation.Instrument.Domains.Count, true);
        }
    }
}
