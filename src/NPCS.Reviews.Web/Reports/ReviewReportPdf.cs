using System.Globalization;
using NPCS.Reviews.Application.Features.Report;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Web.Reports;

/// <summary>
/// The review report as a PDF, made on the server from the same summary as the report page, so it
/// holds the same sections in the same order and the same confidentiality: debrief detail only when
/// the reader is allowed to see it (the summary leaves it out otherwise).
/// </summary>
public static class ReviewReportPdf
{
    private static readonly CultureInfo Fmt = CultureInfo.InvariantCulture;

    public static byte[] Render(GetReviewSummary.Result view)
    {
        ArgumentNullException.ThrowIfNull(view);

        // Two runs: the first counts the pages so the second can print "Page n of m".
        int pages;
        using (var counting = Flow(view, 0))
        {
            Write(counting, view);
            pages = counting.PageCount;
        }

        using var flow = Flow(view, pages);
        Write(flow, view);
        return flow.Save();
    }

    private static PdfFlow Flow(GetReviewSummary.Result view, int pages) => new(
        title: $"Review {view.Header.Number}: systems-focused critical incident review",
        runningHeadLeft: view.AgencyName,
        runningHeadRight: $"Review {view.Header.Number}",
        footer: "Confidential: contains information about children and families. Do not share outside the agency.",
        totalPages: pages);

    private static void Write(PdfFlow pdf, GetReviewSummary.Result view)
    {
        var s = view.Review;
        pdf.Paragraph($"{view.AgencyName}\nSystems-focused critical incident review", muted: true);
        pdf.Heading(1, $"Review {view.Header.Number}");
        pdf.Details(
        [
            ("Incident", $"{view.Header.IncidentType.DisplayName()}, {Date(view.Header.IncidentDate)}"),
            ("Stage", view.Header.Stage.DisplayName()),
            ("Completion due", Date(s.CompletionDue)),
            ("Report produced", $"{ReportText.DateAndTime(view.GeneratedAt)} ({view.TimeZoneId})"),
        ]);

        pdf.Heading(2, "1. The incident");
        pdf.Details(
        [
            ("Incident", $"{s.IncidentType.DisplayName()} on {Date(s.IncidentDate)}"),
            ("Agency notified", Date(s.NotifiedDate)),
            ("Case reference", s.CaseReference),
            ("Child", $"{DisplayNames.FormatAge(s.ChildAgeMonths)}, {s.ChildSex.DisplayName()}, {string.Join(", ", s.ChildRaceEthnicity.Flags().Select(f => f.DisplayName()))}"),
            ("Open case at the incident", s.OpenCaseAtIncident.DisplayName()),
            ("Most recent contact", s.MostRecentContact is { } c ? Date(c) : "None recorded"),
            ("Prior reports", $"{s.PriorReportsCount} (substantiated: {s.PriorSubstantiated.DisplayName()})"),
            ("Alleged maltreatment", string.Join(", ", s.AllegedMaltreatment.Flags().Select(f => f.DisplayName()))),
            ("Cause", s.CauseCategory.DisplayName()),
            ("Eligibility", s.ScreeningReason),
            ("Facilitator", s.FacilitatorName ?? "Not assigned"),
            ("Summary", Text(s.Summary)),
        ]);

        pdf.Heading(2, "2. Chronology");
        if (view.Chronology.Count == 0)
        {
            pdf.Paragraph("No chronology entries.");
        }
        else
        {
            pdf.Table(
                [new("Date", 1.2), new("Source", 1.1), new("What happened", 2.6), new("What the agency knew", 2.1)],
                view.Chronology.Select(e => (IReadOnlyList<string>)
                [
                    Date(e.Date) + (e.Time is { } t ? ", " + ReportText.Time(t) : ""),
                    e.Source.DisplayName(), e.WhatHappened, e.AgencyKnew ?? "",
                ]));
        }

        WriteFamilyNeeds(pdf, view);
        WriteDebrief(pdf, view);
        WriteFindings(pdf, view);

        pdf.Heading(2, "6. Approval");
        var approval = new List<(string, string)> { ("Submitted for approval", Signed(view.Submitted)) };
        if (view.Returned is { } returned && view.ReturnComments is not null)
        {
            approval.Add(("Returned", $"{Signed(returned)}: {view.ReturnComments}"));
        }

        approval.Add(("Approved", Signed(view.Approved)));
        pdf.Details(approval);
        pdf.Paragraph($"Times are in the agency's time zone ({view.TimeZoneId}).", muted: true);
    }

    private static void WriteFamilyNeeds(PdfFlow pdf, GetReviewSummary.Result view)
    {
        pdf.Heading(2, "3. Family needs");
        if (view.Needs.Count == 0)
        {
            pdf.Paragraph("No needs recorded.");
        }
        else
        {
            pdf.Table(
                [new("Need", 1.3), new("Description", 2.7), new("Status", 1), new("Barriers", 2)],
                view.Needs.Select(n => (IReadOnlyList<string>)
                [
                    n.Category.DisplayName(), n.Description, n.Status.DisplayName(),
                    string.Join(", ", n.Barriers.Flags().Select(b => b.DisplayName())) + (n.BarrierNote is null ? "" : ": " + n.BarrierNote),
                ]));
        }

        pdf.Heading(3, "Protective factors");
        if (view.ProtectiveFactors.Count == 0)
        {
            pdf.Paragraph("Not rated.");
        }
        else
        {
            pdf.Table(
                [new("Factor", 2), new("Rating", 1.3), new("Note", 3)],
                view.ProtectiveFactors.Select(f => (IReadOnlyList<string>)[f.Factor.DisplayName(), f.Rating.DisplayName(), f.Note ?? ""]));
        }

        pdf.Heading(3, "Reflection on bias");
        if (view.Bias is { } bias)
        {
            pdf.Details(
            [
                ("Assumptions", Text(bias.Assumptions)),
                ("Culture and race", Text(bias.CultureAndRace)),
                ("Poverty", Text(bias.Poverty)),
                ("Disability", Text(bias.Disability)),
                ("Other family circumstances", Text(bias.OtherFamily)),
            ]);
        }
        else
        {
            pdf.Paragraph("Not recorded.");
        }

        pdf.Heading(3, "The family's voice");
        if (view.Voice is { } voice)
        {
            pdf.Details(
            [
                ("Family engaged", voice.Engaged?.DisplayName() ?? "Not recorded"),
                ("How", Text(voice.How)),
                ("What they said", Text(voice.WhatTheySaid)),
            ]);
        }
        else
        {
            pdf.Paragraph("Not recorded.");
        }
    }

    private static void WriteDebrief(PdfFlow pdf, GetReviewSummary.Result view)
    {
        pdf.Heading(2, "4. Debrief");
        if (view.Sessions.Count == 0)
        {
            pdf.Paragraph("No sessions.");
        }
        else
        {
            // Who took part, and how many, only for the debrief team (the summary leaves the count out otherwise).
            var team = view.Header.CanReadDebrief;
            pdf.Table(
                team ? [new("Date", 1.5), new("Status", 1), new("Participants", 4)] : [new("Date", 1.5), new("Status", 1)],
                view.Sessions.Select(session =>
                {
                    List<string> cells = [$"{Date(session.Date)}, {ReportText.Time(session.StartTime)}", session.Status.DisplayName()];
                    if (team)
                    {
                        cells.Add((session.ParticipantCount ?? 0).ToString(Fmt) + (session.Participants.Count == 0
                            ? ""
                            : ": " + string.Join("; ", session.Participants.Select(p => $"{p.Role} ({p.Agency.DisplayName()})"))));
                    }

                    return (IReadOnlyList<string>)cells;
                }));
            foreach (var session in view.Sessions.Where(x => !string.IsNullOrWhiteSpace(x.Notes)))
            {
                pdf.Heading(3, $"Notes of the session on {Date(session.Date)}");
                pdf.Paragraph(session.Notes!);
            }
        }

        if (view.DecisionPoints is not { } points)
        {
            pdf.Paragraph("Decision points and session notes are confidential to the debrief team and are not shown here.", muted: true);
            return;
        }

        pdf.Heading(3, "Decision points");
        if (points.Count == 0)
        {
            pdf.Paragraph("No decision points.");
        }

        foreach (var p in points)
        {
            pdf.Details(
            [
                ("Decision", $"{Date(p.Date)}, {p.Role.DisplayName()}: {p.Text}"),
                ("Cues", Text(p.Cues)),
                ("What they knew", Text(p.Knew)),
                ("What was expected", Text(p.Expected)),
                ("Pressures", string.Join(", ", p.Pressures.Flags().Select(x => x.DisplayName()))),
            ]);
        }
    }

    private static void WriteFindings(PdfFlow pdf, GetReviewSummary.Result view)
    {
        pdf.Heading(2, "5. Findings and actions");
        if (view.Findings.Count == 0)
        {
            pdf.Paragraph("No findings.");
        }

        foreach (var (f, i) in view.Findings.Select((f, i) => (f, i + 1)))
        {
            pdf.Heading(3, $"Finding {i}: {f.Item}");
            var details = new List<(string, string)>
            {
                ("Domain", f.Domain),
                ("Rating", FindingRating.Meaning(f.Rating)),
                ("Finding", f.Description),
                ("Evidence", f.Evidence.Count == 0 ? "None linked" : string.Join("; ", f.Evidence)),
            };
            if (f.NoActionReason is not null)
            {
                details.Add(("Why no action", f.NoActionReason));
            }

            pdf.Details(details);
            if (f.Actions.Count > 0)
            {
                pdf.Table(
                    [new("Action", 2.4), new("Strength", 1.4), new("Owner", 1.4), new("Due", 1.1), new("Measure", 1.8), new("Status", 1)],
                    f.Actions.Select(a => (IReadOnlyList<string>)
                    [
                        a.WhatWillBeDone, a.Strength.DisplayName(), $"{a.OwnerName}, {a.OwnerUnit}", Date(a.DueDate), a.Measure, a.Status.DisplayName(),
                    ]));
            }
        }
    }

    private static string Date(DateOnly d) => ReportText.Date(d);

    private static string Text(string? t) => ReportText.OrNotRecorded(t);

    private static string Signed(GetReviewSummary.Sign? sign) => ReportText.SignOff(sign);
}
