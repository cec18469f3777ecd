using System.Net;
using NPCS.Reviews.Application.Features.Report;
using NPCS.Reviews.Application.Features.Reviews;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Web.Reports;
using NPCS.Reviews.Web.Tests.Support;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace NPCS.Reviews.Web.Tests;

public class ReportPdfTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string[] Sections =
        ["1. The incident", "2. Chronology", "3. Family needs", "4. Debrief", "5. Findings and actions", "6. Approval"];

    [Fact]
    public async Task Should_download_the_approved_review_as_a_tagged_pdf_with_every_section()
    {
        var id = await app.ReviewAtAsync(ReviewStage.Approved);
        using var client = await app.SignInAsync("facilitator@demo.local");
        var report = await client.GetPageAsync($"/Reviews/{id}/Report");
        var link = report.QuerySelector("a[href$='/Report/Pdf']")?.GetAttribute("href");
        Assert.Equal($"/Reviews/{id}/Report/Pdf", link);

        using var response = await client.Http.GetAsync(new Uri(link!, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches("^review-DEMO-[A-Za-z0-9-]+\\.pdf$", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF-"u8.ToArray(), bytes[..5]);

        using var pdf = PdfDocument.Open(bytes);
        var text = WordsOf(pdf);
        var positions = Sections.Select(s => text.IndexOf(Squash(s), StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        Assert.Contains(Squash("Closed the assessment"), text, StringComparison.Ordinal);
        Assert.Contains(Squash("Share discharge notes through a joint protocol"), text, StringComparison.Ordinal);
        Assert.Contains(Squash("Sam Supervisor"), text, StringComparison.Ordinal);
        Assert.Contains(Squash($"Page 1 of {pdf.NumberOfPages}"), text, StringComparison.Ordinal);
        Assert.StartsWith("Review DEMO-", pdf.Information.Title, StringComparison.Ordinal);
        Assert.True(pdf.Structure.Catalog.CatalogDictionary.ContainsKey(NameToken.Create("StructTreeRoot")), "The PDF is not tagged.");
    }

    [Fact]
    public async Task Should_not_find_the_pdf_of_another_countys_review()
    {
        var id = await app.ReviewAtAsync(ReviewStage.Approved);
        using var other = await app.SignInAsync("other.caseworker@demo.local");

        using var response = await other.Http.GetAsync(new Uri($"/Reviews/{id}/Report/Pdf", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void Should_leave_out_debrief_detail_for_a_reader_outside_the_debrief_team()
    {
        var view = Summary(canReadDebrief: false, decisionText: "What the investigator said in confidence");

        var text = TextOf(ReviewReportPdf.Render(view with { DecisionPoints = null }));

        Assert.Contains(Squash("confidential to the debrief team"), text, StringComparison.Ordinal);
        Assert.DoesNotContain(Squash("What the investigator said in confidence"), text, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_break_long_and_unusual_text_across_pages_without_losing_any_of_it()
    {
        var word = string.Concat(Enumerable.Repeat("unbroken", 400));
        var narrative = string.Join(" ", Enumerable.Range(1, 1500).Select(i => $"w{i}"));
        var unusual = "Zoë \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 e\u0301 \U0001F600 \u6F22\u5B57 \u200Fmark\u0007bell <script>alert(1)</script>";
        var view = Summary(canReadDebrief: true, decisionText: word) with
        {
            Chronology = [new(new DateOnly(2026, 1, 2), null, ChronologySource.ThisAgency, narrative, unusual)],
        };

        using var pdf = PdfDocument.Open(ReviewReportPdf.Render(view));
        var text = WordsOf(pdf);

        Assert.True(pdf.NumberOfPages > 2, $"Expected the long entry to run over several pages, got {pdf.NumberOfPages}.");
        Assert.Contains("w1w2w3", text, StringComparison.Ordinal);
        Assert.Contains("w1499w1500", text, StringComparison.Ordinal);
        Assert.Equal(400, CountOf(text, "unbroken"));
        Assert.Contains("<script>alert(1)</script>", text, StringComparison.Ordinal);
        Assert.Contains("markbell", text, StringComparison.Ordinal);
        Assert.Contains(Squash($"Page {pdf.NumberOfPages} of {pdf.NumberOfPages}"), text, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static string TextOf(byte[] bytes)
    {
        using var pdf = PdfDocument.Open(bytes);
        return WordsOf(pdf);
    }

    /// <summary>
    /// The text of every page in the order it was written, without white space: a table cell's
    /// lines follow each other, so a sentence wrapped over several lines still reads whole.
    /// </summary>
    private static string WordsOf(PdfDocument pdf) => Squash(string.Concat(pdf.GetPages().Select(p => p.Text)));

    private static string Squash(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static GetReviewSummary.Result Summary(bool canReadDebrief, string decisionText)
    {
        var incident = new DateOnly(2026, 1, 1);
        var header = new ReviewHeader(1, "TEST-2026-001", ReviewStage.Findings, Guid.NewGuid(), IncidentType.Fatality, incident, true, canReadDebrief, false, false);
        return new GetReviewSummary.Result(
            header,
            "Test County",
            "America/Chicago",
            new DateTime(2026, 2, 1, 9, 30, 0, DateTimeKind.Unspecified),
            new GetReviewSummary.Intake(
                IncidentType.Fatality, incident, incident.AddDays(1), 14, Enum.GetValues<ChildSex>()[0], Enum.GetValues<RaceEthnicity>()[1],
                "CASE-1", YesNoUnknown.Yes, null, 2, YesNoUnknown.No, Enum.GetValues<MaltreatmentType>()[0], Enum.GetValues<CauseCategory>()[0],
                "A summary", "Meets the criteria", incident.AddDays(90), "Frances Facilitator"),
            [],
            [],
            [],
            null,
            null,
            [new(incident.AddDays(20), new TimeOnly(13, 30), SessionStatus.Held, 3, [], null)],
            [new(incident.AddDays(-3), DeciderRole.Investigator, decisionText, null, null, null, Pressure.Workload)],
            [],
            null,
            null,
            null,
            null);
    }
}
