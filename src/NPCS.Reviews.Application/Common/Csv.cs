namespace NPCS.Reviews.Application.Common;

/// <summary>CSV as spreadsheets read it (RFC 4180), for every CSV download of the application.</summary>
public static class Csv
{
    /// <summary>One line's fields joined by commas, without the line break.</summary>
    public static string Line(IEnumerable<string> fields) => string.Join(',', fields.Select(Field));

    /// <summary>
    /// Quoted when it holds a separator, a quote or a line break; a value a spreadsheet would run as
    /// a formula (a label starting with "=") gets a leading apostrophe; a plain number (-0.5) stays a number.
    /// </summary>
    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
