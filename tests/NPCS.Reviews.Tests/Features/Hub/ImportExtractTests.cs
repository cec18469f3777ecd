using System.Text;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Features.Hub;
using NPCS.Reviews.Application.Features.Sharing;
using NPCS.Reviews.Tests.Support;
using NPCS.Reviews.TestSupport;

namespace NPCS.Reviews.Tests.Features.Hub;

public class ImportExtractTests(SliceFixture fixture) : SliceTest(fixture, Users.Analyst)
{
    private Task<ImportExtract.Result> ImportAsync(byte[] file) => Fixture.SendAsync<ImportExtract.Result>(Extracts.Command(file));

    private Task<ImportExtract.Result> ImportAsync(IEnumerable<string> lines) => ImportAsync(Extracts.File(lines));

    /// <summary>The jurisdiction's shared reviews as (pseudonym, month, record), in a stable order.</summary>
    private Task<List<(string Pseudonym, DateOnly Month, string Record)>> HeldAsync(string jurisdiction) => Fixture.QueryDbAsync(async db =>
        (await db.SharedReviews.Where(r => r.JurisdictionCode == jurisdiction).OrderBy(r => r.Pseudonym)
            .Select(r => new { r.Pseudonym, r.ApprovedMonth, r.Record }).ToListAsync())
        .Select(r => (r.Pseudonym, r.ApprovedMonth, r.Record)).ToList());

    private Task<(int Extracts, int Reviews)> CountsAsync() =>
        Fixture.QueryDbAsync(async db => (await db.SharedExtracts.CountAsync(), await db.SharedReviews.CountAsync()));

    /// <summary>Refused as a whole: the messages beside the file field, and nothing written.</summary>
    private async Task<string[]> RefusedAsync(byte[] file)
    {
        var before = await CountsAsync();
        var refused = await Assert.ThrowsAsync<ValidationException>(() => ImportAsync(file));
        Assert.Equal(before, await CountsAsync());
        return refused.Errors[nameof(ImportExtract.Command.File)];
    }

    private Task<string[]> RefusedAsync(IEnumerable<string> lines) => RefusedAsync(Extracts.File(lines));

    [Fact]
    public async Task Should_import_a_valid_extract_and_record_the_import()
    {
        var jurisdiction = Extracts.NewJurisdiction();
        var lines = Extracts.Lines(jurisdiction, 7);
        var file = Extracts.File(lines);

        var result = await ImportAsync(file);

        Assert.Equal((jurisdiction, Extracts.Q1, 7, 0), (result.Jurisdiction, result.Period, result.Imported, result.Replaced));
        var held = await HeldAsync(jurisdiction);
        Assert.Equal(lines.Order(StringComparer.Ordinal), held.Select(h => h.Record).Order(StringComparer.Ordinal));
        var extract = await Fixture.QueryDbAsync(db => db.SharedExtracts.SingleAsync(e => e.Id == result.ExtractId));
        Assert.Equal((jurisdiction, new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 1), "1.0", 7), (extract.JurisdictionCode, extract.PeriodFrom, extract.PeriodTo, extract.SchemaVersion, extract.Rows));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file)), extract.Sha256);
        Assert.Equal(Fixture.CurrentUser.UserId, extract.ImportedByUserId);
        Assert.Equal(Fixture.Time.Now, extract.ImportedAt);
        Assert.All(await Fixture.QueryDbAsync(db => db.SharedReviews.Where(r => r.JurisdictionCode == jurisdiction).ToListAsync()), r => Assert.Equal(result.ExtractId, r.ExtractId));
    }

    [Fact]
    public async Task Should_store_each_line_as_the_record_reads_it_not_as_it_was_typed()
    {
        var jurisdiction = Extracts.NewJurisdiction();
        var record = Extracts.Record(jurisdiction);
        var spaced = "\uFEFF  " + Extracts.Line(record).Replace(",", ", ", StringComparison.Ordinal) + "  \r";

        await ImportAsync([spaced, "", "   "]);

        Assert.Equal(Extracts.Line(record), Assert.Single(await HeldAsync(jurisdiction)).Record);
    }

    [Fact]
    public async Task Should_hold_the_same_rows_when_the_same_file_is_imported_again()
    {
        var jurisdiction = Extracts.NewJurisdiction();
        var file = Extracts.File(Extracts.Lines(jurisdiction, 12));
        await ImportAsync(file);
        var first = await HeldAsync(jurisdiction);

        var again = await ImportAsync(file);

        Assert.Equal((12, 12), (again.Imported, again.Replaced));
        Assert.Equal(first, await HeldAsync(jurisdiction));
        Assert.Equal(2, await Fixture.QueryDbAsync(db => db.SharedExtracts.CountAsync(e => e.JurisdictionCode == jurisdiction)));
    }

    [Fact]
    public async Task Should_replace_the_period_of_the_jurisdiction_and_leave_other_jurisdictions_alone()
    {
        var jurisdiction = Extracts.NewJurisdiction();
        var other = Extracts.NewJurisdiction();
        var january = Extracts.Line(Extracts.Record(jurisdiction, approved: new YearMonth(2026, 1)));
        var movedPseudonym = Extracts.NewPseudonym();
        var moved = Extracts.Line(Extracts.Record(jurisdiction, approved: new YearMonth(2026, 2), pseudonym: movedPseudonym));
        var march = Extracts.Line(Extracts.Record(jurisdiction, approved: new YearMonth(2026, 3)));
        await ImportAsync([january, moved, march]);
        await ImportAsync(Extracts.Lines(other, 4));
        var otherBefore = await HeldAsync(other);

        // February to April: the February and March reviews go; January stays; the review approved in
        // February is now approved in April (reopened, approved again) and is held once, under April.
        var later = new ExtractPeriod(new YearMonth(2026, 2), new YearMonth(2026, 4));
        var april = Extracts.Line(Extracts.Record(jurisdiction, later, new YearMonth(2026, 4), movedPseudonym, rating: 3));
        var fresh = Extracts.Line(Extracts.Record(jurisdiction, later, new YearMonth(2026, 2)));
        var result = await ImportAsync([april, fresh]);

        Assert.Equal((2, 2), (result.Imported, result.Replaced));
        var held = await HeldAsync(jurisdiction);
        Assert.Equal(new[] { january, april, fresh }.Order(StringComparer.Ordinal), held.Select(h => h.Record).Order(StringComparer.Ordinal));
        Assert.Equal(new DateOnly(2026, 4, 1), held.Single(h => h.Pseudonym == movedPseudonym).Month);
        Assert.Equal(otherBefore, await HeldAsync(other));
    }

    [Fact]
    public async Task Should_import_a_file_of_several_batches()
    {
        var jurisdiction = Extracts.NewJurisdiction();

        var result = await ImportAsync(Extracts.Lines(jurisdiction, 2_345));

        Assert.Equal(2_345, result.Imported);
        Assert.Equal(2_345, (await HeldAsync(jurisdiction)).Count);
    }

    [Fact]
    public async Task Should_leave_the_hub_as_it_was_when_the_import_fails_part_way()
    {
        var jurisdiction = Extracts.NewJurisdiction();
        await ImportAsync(Extracts.Lines(jurisdiction, 5));
        var before = await HeldAsync(jurisdiction);
        var extracts = await CountsAsync();
        var file = Extracts.File(Extracts.Lines(jurisdiction, 2_500));
        Fixture.Faults.Count();
        await ImportAsync(file);
        var writes = Fixture.Faults.Writes;
        await ImportAsync(Extracts.File(before.Select(b => b.Record)));

        // The last write of the import is the last batch: everything before it (the log row, the
        // deletes, the first batches) has run when it fails.
        try
        {
            Fixture.Faults.Arm(writes);
            var failed = await Assert.ThrowsAnyAsync<Exception>(() => ImportAsync(file));
            Assert.IsType<InjectedFailureException>(failed.InnerException ?? failed);
        }
        finally
        {
            Fixture.Faults.Disarm();
        }

        Assert.True(writes >= 4, $"only {writes} writes");
        Assert.Equal(before, await HeldAsync(jurisdiction));
        Assert.Equal(extracts.Extracts + 2, (await CountsAsync()).Extracts);
    }

    [Fact]
    public async Task Should_refuse_a_file_with_broken_lines_as_a_whole_naming_each_line()
    {
        var jurisdiction = Extracts.NewJurisdiction();
        var good = Extracts.Lines(jurisdiction, 9);
        var lines = good.ToList();
        lines[1] = Extracts.Edit(Extracts.Record(jurisdiction), o => o["childName"] = "Jane");
        lines[2] = "{\"schemaVersion\": \"1.0\", \"jurisdiction\": ";
        lines[3] = Extracts.Edit(Extracts.Record(jurisdiction), o => o["incidentMonth"] = "2026-03-14");
        lines[4] = Extracts.Line(Extracts.Record(jurisdiction, rating: 4));
        var stranger = Extracts.NewJurisdiction();
        lines[5] = Extracts.Line(Extracts.Record(stranger));
        lines[6] = Extracts.Line(Extracts.Record(jurisdiction, approved: new YearMonth(2026, 5)));
        var repeated = Extracts.Record(jurisdiction);
        lines[7] = Extracts.Line(repeated);
        lines[8] = Extracts.Line(repeated with { ApprovedMonth = new YearMonth(2026, 2) });

        var errors = await RefusedAsync(lines);

        Assert.StartsWith("Nothing was imported", errors[0], StringComparison.Ordinal);
        Assert.Equal(
        [
            "line 2: /childName: is not a field of the extract (schema 1.0) and must not be sent",
            "line 3: is not valid JSON near character 42; each line must be one JSON object",
            "line 4: /incidentMonth: must be a month written yyyy-MM (no day)",
            "line 5: /findings/0/rating: must be at most 3",
            $"line 6: /jurisdiction: is {stranger}, but line 1 is {jurisdiction}; a file holds one jurisdiction's extract",
            "line 7: /approvedMonth: 2026-05 is outside the period 2026-01 to 2026-03",
            "line 9: /review: the same review is already on line 8; each review appears once",
        ], errors.Skip(1));
        Assert.DoesNotContain(errors, e => e.Contains("Jane", StringComparison.Ordinal));
        Assert.Empty(await HeldAsync(jurisdiction));
    }

    [Fact]
    public async Task Should_refuse_lines_whose_period_differs_from_the_first()
    {
        var jurisdiction = Extracts.NewJurisdiction();
        var other = new ExtractPeriod(new YearMonth(2026, 1), new YearMonth(2026, 6));

        var errors = await RefusedAsync([Extracts.Line(Extracts.Record(jurisdiction)), Extracts.Line(Extracts.Record(jurisdiction, other))]);

        Assert.Equal("line 2: /period: is 2026-01 to 2026-06, but line 1 has 2026-01 to 2026-03; every line of a file has the same period", errors[1]);
    }

    [Fact]
    public async Task Should_list_fifty_problems_and_count_the_rest()
    {
        var jurisdiction = Extracts.NewJurisdiction();

        var errors = await RefusedAsync(Enumerable.Range(0, 80).Select(_ => Extracts.Line(Extracts.Record(jurisdiction, rating: 9))));

        Assert.Equal(1 + ImportExtract.MaxProblems + 1, errors.Length);
        Assert.Equal("line 50: /findings/0/rating: must be at most 3", errors[^2]);
        Assert.Equal("... and 30 more problems.", errors[^1]);
    }

    [Theory]
    [InlineData("empty", "The file is empty: it holds no extract lines.")]
    [InlineData("blank", "The file is empty: it holds no extract lines.")]
    [InlineData("csv", "The file looks like CSV")]
    [InlineData("latin1", "The file is not UTF-8 text")]
    [InlineData("utf16", "The file is not UTF-8 text")]
    [InlineData("binary", "The file holds binary data")]
    [InlineData("zip", "The file is not UTF-8 text")]
    public async Task Should_refuse_a_file_that_is_not_an_extract_with_a_plain_message(string kind, string message)
    {
        var line = Extracts.Line(Extracts.Record(Extracts.NewJurisdiction()));
        var file = kind switch
        {
            "empty" => [],
            "blank" => "\n \r\n\t\n"u8.ToArray(),
            "csv" => "schemaVersion,jurisdiction,review\n1.0,DEMO,0123\n"u8.ToArray(),
            "latin1" => [.. Encoding.UTF8.GetBytes(line[..^1]), .. ",\"x\":\""u8, 0xE9, .. "\"}\n"u8],
            "utf16" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(line)],
            "binary" => [.. Encoding.UTF8.GetBytes(line), (byte)'\n', 0, 1, 2, 3],
            _ => [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00, 0xB5, 0x55, 0x30, 0x23],
        };

        ValidationException refused;
        if (file.Length == 0)
        {
            // An empty upload is no file at all: the validator asks for one.
            refused = await Assert.ThrowsAsync<ValidationException>(() => ImportAsync(file));
            Assert.StartsWith("Choose an extract file", refused.Errors[nameof(ImportExtract.Command.File)][0], StringComparison.Ordinal);
            return;
        }

        var errors = await RefusedAsync(file);

        Assert.StartsWith(message, Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_refuse_a_file_larger_than_the_limit_even_when_its_stated_length_is_smaller()
    {
        var big = new ImportExtract.Command { File = new ImportExtract.ExtractFile(() => new FakeLargeStream(ImportExtract.MaxBytes + 10), 10) };
        var stated = new ImportExtract.Command { File = new ImportExtract.ExtractFile(() => new MemoryStream([(byte)'{']), ImportExtract.MaxBytes + 1) };

        var read = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync<ImportExtract.Result>(big));
        var declared = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync<ImportExtract.Result>(stated));

        Assert.StartsWith("The file is larger than 64 MB", Assert.Single(read.Errors["File"]), StringComparison.Ordinal);
        Assert.StartsWith("The file is larger than 64 MB", Assert.Single(declared.Errors["File"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_refuse_a_missing_file()
    {
        var refused = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync<ImportExtract.Result>(new ImportExtract.Command()));

        Assert.StartsWith("Choose an extract file", Assert.Single(refused.Errors["File"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Users.Caseworker)]
    [InlineData(Users.Facilitator)]
    [InlineData(Users.Supervisor)]
    [InlineData(Users.Admin)]
    public async Task Should_refuse_everyone_but_analysts(string email)
    {
        await Fixture.RunAsUserAsync(email);
        var before = await CountsAsync();

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => ImportAsync(Extracts.Lines(Extracts.NewJurisdiction(), 2)));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync<ListSharedExtracts.Result>(new ListSharedExtracts.Query()));

        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Should_list_the_imports_newest_first_and_what_each_jurisdiction_holds()
    {
        var jurisdiction = Extracts.NewJurisdiction();
        await ImportAsync(Extracts.Lines(jurisdiction, 3));
        Fixture.Time.Now = Fixture.Time.Now.AddMinutes(5);
        var spring = new ExtractPeriod(new YearMonth(2026, 4), new YearMonth(2026, 6));
        var second = await ImportAsync(Extracts.Lines(jurisdiction, 4, spring));

        var list = await Fixture.SendAsync<ListSharedExtracts.Result>(new ListSharedExtracts.Query());

        var newest = list.Imports[0];
        Assert.Equal((second.ExtractId, jurisdiction, spring.From, spring.To, 4), (newest.Id, newest.Jurisdiction, newest.From, newest.To, newest.Rows));
        Assert.Equal("Ana Analyst", newest.ImportedBy);
        Assert.True(list.Imports.Zip(list.Imports.Skip(1)).All(p => p.First.ImportedAt >= p.Second.ImportedAt));
        var holding = list.Holdings.Single(h => h.Jurisdiction == jurisdiction);
        Assert.Equal((7, new YearMonth(2026, 1), new YearMonth(2026, 6), 6), (holding.Reviews, holding.FirstMonth, holding.LastMonth, holding.Months));
    }

    /// <summary>A stream of blank lines longer than it says it is: the limit holds on what is read, not on what is claimed.</summary>
    private sealed class FakeLargeStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            buffer.AsSpan(offset, n).Fill((byte)'\n');
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
