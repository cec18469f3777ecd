using System.Globalization;
using System.Text;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Features.Surveys;

namespace NPCS.Reviews.Web.Pages.Surveys;

/// <summary>
/// The tables of a wave's results page as CSV: exactly the cells the page shows (withheld cells
/// empty), so a download never holds more than the screen.
/// </summary>
public static class ResultsCsv
{
    public static byte[] Rates(GetWaveResults.Result r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return Lines(
            ["unit", "invited", "responses", "responseRate"],
            r.Rates.Append(r.OverallRate).Select(x => new[] { x.Unit, Number(x.Invited), Number(x.Responses), Number(x.Rate) }));
    }

    public static byte[] Domains(GetWaveResults.Result r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return Lines(
            ["group", "responses", "domainCode", "domain", "respondents", "mean", "favourableShare"],
            r.Groups.SelectMany(g => g.Domains.Select(d => new[]
            {
                g.Name, Number(g.Responses), d.Code, d.Name, d.Shown ? Number(d.Respondents) : "", Number(d.Mean), Number(d.FavourableShare),
            })));
    }

    public static byte[] Items(GetWaveResults.Result r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var points = Enumerable.Range(r.Scale.Min, r.Scale.Max - r.Scale.Min + 1).ToList();
        return Lines(
            ["group", "domainCode", "itemCode", "item", "reverseScored", "answered", "mean", "agreeShare", .. points.Select(p => "answered" + Number(p))],
            r.Groups.SelectMany(g => g.Domains.SelectMany(d => d.Items.Select(i => (string[])
            [
                g.Name, d.Code, i.Code, i.Text, i.Reverse ? "true" : "false", i.Shown ? Number(i.Answered) : "", Number(i.Mean), Number(i.AgreeShare),
                .. points.Select((_, k) => i.Distribution is { } dist ? Number(dist[k]) : ""),
            ]))));
    }

    private static byte[] Lines(IEnumerable<string> header, IEnumerable<string[]> rows)
    {
        var text = new StringBuilder();
        text.Append(Csv.Line(header)).Append("\r\n");
        foreach (var row in rows)
        {
            text.Append(Csv.Line(row)).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? string.Empty;
}
