using System.Text;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Features.Catalog;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain;
using NPCS.Reviews.Domain.Catalog;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Tests.Support;

namespace NPCS.Reviews.Tests.Features.Catalog;

public class CatalogTests(SliceFixture fixture) : SliceTest(fixture, Users.Admin)
{
    private static int _codes;

    private static string NewCode() => $"T-{Interlocked.Increment(ref _codes)}-{Guid.NewGuid():N}"[..12];

    private Task<GetCatalog.Result> CatalogAsync() => Fixture.SendAsync<GetCatalog.Result>(new GetCatalog.Query());

    private async Task<GetCatalog.ItemView> AddAsync(string code)
    {
        var catalog = await CatalogAsync();
        await Fixture.SendAsync(new AddCatalogItem.Command
        {
            Version = catalog.Concurrency,
            DomainId = catalog.Domains[1].Id,
            Code = code,
            Name = "Supervision capacity",
            Guidance = "Supervisors had too many workers to review each case.",
        });
        return (await CatalogAsync()).Domains.SelectMany(d => d.Items).Single(i => i.Code == code);
    }

    private async Task<string> ExportTextAsync()
    {
        var file = await Fixture.SendAsync<ExportCatalog.Result>(new ExportCatalog.Query());
        return Encoding.UTF8.GetString(file.Content);
    }

    private async Task<ValidationException> ImportFailsAsync(string json) =>
        await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync(new ImportCatalog.Command { File = Encoding.UTF8.GetBytes(json) }));

    private async Task RunAsOtherCountyAdminAsync()
    {
        // No administrator of Other County is seeded; the catalog filter only looks at the jurisdiction.
        var othr = await Fixture.QueryDbAsync(db => db.Jurisdictions.IgnoreQueryFilters().SingleAsync(j => j.Code == "OTHR"));
        Fixture.CurrentUser.Set("othr-admin", othr.Id, [Roles.Administrator]);
    }

    [Fact]
    public async Task Should_show_the_default_catalog_of_the_ten_categories_in_three_domains()
    {
        var catalog = await CatalogAsync();

        Assert.Equal(3, catalog.Domains.Count);
        Assert.True(catalog.Domains.Sum(d => d.Items.Count) >= 10);
        Assert.All(catalog.Domains.SelectMany(d => d.Items), i => Assert.False(string.IsNullOrWhiteSpace(i.Name)));
    }

    [Fact]
    public async Task Should_add_an_item_and_raise_the_version()
    {
        var before = await CatalogAsync();
        var code = NewCode();

        var item = await AddAsync(code);

        var after = await CatalogAsync();
        Assert.Equal(before.Version + 1, after.Version);
        Assert.NotEqual(before.Concurrency, after.Concurrency);
        Assert.Equal("Supervision capacity", item.Name);
        Assert.Equal(after.Version, item.AddedInVersion);
        Assert.Contains(item, after.Domains[1].Items);
    }

    [Fact]
    public async Task Should_refuse_a_code_already_used_whatever_its_case()
    {
        var code = NewCode();
        await AddAsync(code);
        var catalog = await CatalogAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync(new AddCatalogItem.Command
        {
            Version = catalog.Concurrency,
            DomainId = catalog.Domains[0].Id,
            Code = " " + code.ToLowerInvariant(),
            Name = "Another",
        }));

        Assert.Contains(
            $"The code {code.ToLowerInvariant()} is already used in this catalog (retired items keep their code). Choose another.",
            error.Errors[nameof(AddCatalogItem.Command.Code)]);
        Assert.Equal(catalog.Version, (await CatalogAsync()).Version);
    }

    [Fact]
    public async Task Should_refuse_an_item_without_code_name_or_domain_or_with_long_texts()
    {
        var catalog = await CatalogAsync();

        var empty = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync(new AddCatalogItem.Command { Version = catalog.Concurrency }));
        Assert.Contains("Choose the domain the item belongs to.", empty.Errors[nameof(AddCatalogItem.Command.DomainId)]);
        Assert.Contains("Enter the item's code, for example SAFE-4.", empty.Errors[nameof(AddCatalogItem.Command.Code)]);
        Assert.Contains("Enter the item's name.", empty.Errors[nameof(AddCatalogItem.Command.Name)]);

        var tooLong = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync(new AddCatalogItem.Command
        {
            Version = catalog.Concurrency,
            DomainId = -5,
            Code = new string('C', FactorItem.CodeMaxLength + 1),
            Name = new string('n', FactorItem.NameMaxLength + 1),
            Guidance = new string('g', FactorItem.GuidanceMaxLength + 1),
        }));
        Assert.Contains("Choose a domain from the list.", tooLong.Errors[nameof(AddCatalogItem.Command.DomainId)]);
        Assert.Contains($"The code can be at most {FactorItem.CodeMaxLength} characters.", tooLong.Errors[nameof(AddCatalogItem.Command.Code)]);
        Assert.Contains($"The name can be at most {FactorItem.NameMaxLength} characters.", tooLong.Errors[nameof(AddCatalogItem.Command.Name)]);
        Assert.Contains($"The guidance can be at most {FactorItem.GuidanceMaxLength} characters.", tooLong.Errors[nameof(AddCatalogItem.Command.Guidance)]);
    }

    [Fact]
    public async Task Should_report_a_concurrent_change_instead_of_overwriting_it()
    {
        var stale = await CatalogAsync();
        await AddAsync(NewCode());

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Fixture.SendAsync(new AddCatalogItem.Command
        {
            Version = stale.Concurrency,
            DomainId = stale.Domains[0].Id,
            Code = NewCode(),
            Name = "Late",
        }));
        var item = stale.Domains[0].Items[0];
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Fixture.SendAsync(new RetireCatalogItem.Command(item.Id, stale.Concurrency)));
    }

    [Fact]
    public async Task Should_retire_an_item_once_and_keep_it_in_the_catalog()
    {
        var item = await AddAsync(NewCode());
        var before = await CatalogAsync();

        await Fixture.SendAsync(new RetireCatalogItem.Command(item.Id, before.Concurrency));

        var after = await CatalogAsync();
        var retired = after.Domains.SelectMany(d => d.Items).Single(i => i.Id == item.Id);
        Assert.Equal(before.Version + 1, after.Version);
        Assert.Equal(after.Version, retired.RetiredInVersion);

        var again = await Assert.ThrowsAsync<DomainException>(() => Fixture.SendAsync(new RetireCatalogItem.Command(item.Id, after.Concurrency)));
        Assert.Equal("That item is already retired.", again.Message);
        Assert.Equal(after.Version, (await CatalogAsync()).Version);
    }

    [Fact]
    public async Task Should_export_camel_case_indented_json_named_after_jurisdiction_and_version()
    {
        var catalog = await CatalogAsync();

        var file = await Fixture.SendAsync<ExportCatalog.Result>(new ExportCatalog.Query());

        Assert.Equal($"npcs-catalog-DEMO-v{catalog.Version}.json", file.FileName);
        var text = Encoding.UTF8.GetString(file.Content);
        Assert.StartsWith("{\n  \"name\": ", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("\"domains\": [", text, StringComparison.Ordinal);
        Assert.Contains($"\"code\": \"{catalog.Domains[0].Items[0].Code}\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_import_an_export_into_another_jurisdiction_and_export_the_same_text()
    {
        var retired = await AddAsync(NewCode());
        await Fixture.SendAsync(new RetireCatalogItem.Command(retired.Id, (await CatalogAsync()).Concurrency));
        var exported = await ExportTextAsync();

        await RunAsOtherCountyAdminAsync();
        await Fixture.SendAsync(new ImportCatalog.Command { File = Encoding.UTF8.GetBytes(exported) });

        Assert.Equal(exported, await ExportTextAsync());
        var imported = await CatalogAsync();
        Assert.Equal(1, imported.Version);
        Assert.NotNull(imported.Domains.SelectMany(d => d.Items).Single(i => i.Code == retired.Code).RetiredInVersion);
        Assert.Single(imported.Earlier);
    }

    [Fact]
    public async Task Should_not_show_or_change_another_jurisdictions_catalog()
    {
        var demoItem = await AddAsync(NewCode());

        await RunAsOtherCountyAdminAsync();
        var other = await CatalogAsync();

        Assert.DoesNotContain(other.Domains.SelectMany(d => d.Items), i => i.Code == demoItem.Code);
        var refused = await Assert.ThrowsAsync<DomainException>(() => Fixture.SendAsync(new RetireCatalogItem.Command(demoItem.Id, other.Concurrency)));
        Assert.Equal("That item is not in this catalog.", refused.Message);
    }

    [Theory]
    [InlineData(Users.Caseworker)]
    [InlineData(Users.Facilitator)]
    [InlineData(Users.Supervisor)]
    public async Task Should_forbid_the_catalog_to_everyone_but_administrators(string email)
    {
        var catalog = await CatalogAsync();
        await Fixture.RunAsUserAsync(email);

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => CatalogAsync());
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync<ExportCatalog.Result>(new ExportCatalog.Query()));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync(new AddCatalogItem.Command { Version = catalog.Concurrency, DomainId = catalog.Domains[0].Id, Code = NewCode(), Name = "X" }));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync(new RetireCatalogItem.Command(catalog.Domains[0].Items[0].Id, catalog.Concurrency)));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync(new ImportCatalog.Command { File = Encoding.UTF8.GetBytes("{}") }));
    }

    [Theory]
    [InlineData("ORG 9")]
    [InlineData("-ORG9")]
    [InlineData("ORG/9")]
    [InlineData("Staff said so")]
    public async Task Should_refuse_a_code_that_is_not_code_like_so_every_code_fits_the_extract(string code)
    {
        var catalog = await CatalogAsync();
        const string message = "The code can hold only letters, digits, '.', '_' and '-', starting with a letter or digit (no spaces).";

        var added = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync(new AddCatalogItem.Command
        {
            Version = catalog.Concurrency,
            DomainId = catalog.Domains[0].Id,
            Code = code,
            Name = "Name",
        }));
        Assert.Contains(message, added.Errors[nameof(AddCatalogItem.Command.Code)]);

        var imported = await ImportFailsAsync("{\"name\": \"A\", \"domains\": [{\"code\": \"D\", \"name\": \"D\", \"items\": [{\"code\": \"" + code + "\", \"name\": \"X\"}]}]}");
        Assert.Contains("can hold only letters, digits", string.Join(' ', imported.Errors[nameof(ImportCatalog.Command.File)]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_refuse_a_missing_file_an_oversized_file_and_invalid_json()
    {
        var missing = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync(new ImportCatalog.Command()));
        Assert.Contains("Choose a JSON file to import.", missing.Errors[nameof(ImportCatalog.Command.File)]);

        var big = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync(new ImportCatalog.Command { File = new byte[CatalogJson.MaxBytes + 1] }));
        Assert.Contains("larger than 1 MB", big.Errors[nameof(ImportCatalog.Command.File)][0], StringComparison.Ordinal);

        foreach (var garbage in new[] { "not json", "{\"name\": \"A\", \"domains\": ", "[1, 2]", "{\"name\": 5}", "{\"name\": \"A\", \"domains\": [{\"code\": \"D\", \"name\": \"D\", \"items\": [{\"code\": \"X\", \"name\": \"X\", \"retired\": \"yes\"}]}]}" })
        {
            var error = await ImportFailsAsync(garbage);
            Assert.StartsWith("The file is not a catalog in JSON", error.Errors[nameof(ImportCatalog.Command.File)].Single(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Should_refuse_text_that_is_not_utf8_with_a_message()
    {
        byte[] file = [.. Encoding.UTF8.GetBytes("{\"name\": \""), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes("\", \"domains\": []}")];

        var error = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync(new ImportCatalog.Command { File = file }));

        Assert.StartsWith("The file is not a catalog in JSON", error.Errors[nameof(ImportCatalog.Command.File)].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_read_a_file_saved_with_a_byte_order_mark()
    {
        var exported = await ExportTextAsync();
        byte[] file = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(exported)];

        await Fixture.SendAsync(new ImportCatalog.Command { File = file });

        Assert.Equal(exported, await ExportTextAsync());
    }

    [Theory]
    [InlineData("null", "The file is empty or holds no catalog.")]
    [InlineData("{}", "The catalog's name is missing.")]
    [InlineData("{\"name\": \"SSIT\"}", "The catalog has no domains; it needs at least one, each with its items.")]
    [InlineData("{\"name\": \"SSIT\", \"domains\": []}", "The catalog has no domains; it needs at least one, each with its items.")]
    [InlineData("{\"name\": \"SSIT\", \"domains\": [{\"code\": \"D1\", \"name\": \"Domain\"}]}", "Domain 1 has no items; every domain needs at least one.")]
    [InlineData("{\"name\": \"SSIT\", \"domains\": [{\"name\": \"Domain\", \"items\": [{\"code\": \"A\", \"name\": \"A\"}]}]}", "Domain 1: the code is missing.")]
    [InlineData("{\"name\": \"SSIT\", \"domains\": [{\"code\": \"D1\", \"name\": \"Domain\", \"items\": [{\"code\": \"A\"}]}]}", "Domain 1, item 1: the name is missing.")]
    [InlineData("{\"name\": \"SSIT\", \"domains\": [{\"code\": \"D1\", \"name\": \"Domain\", \"items\": [null]}]}", "Domain 1, item 1 is empty.")]
    [InlineData("{\"name\": \"SSIT\", \"domains\": [{\"code\": \"D1\", \"name\": \"D\", \"items\": [{\"code\": \"A\", \"name\": \"A\"}]}, {\"code\": \"D2\", \"name\": \"E\", \"items\": [{\"code\": \"a\", \"name\": \"B\"}]}]}", "Domain 2, item 1: the code a is used more than once.")]
    [InlineData("{\"name\": \"SSIT\", \"domains\": [{\"code\": \"D1\", \"name\": \"D\", \"items\": [{\"code\": \"A\", \"name\": \"A\"}]}, {\"code\": \"d1\", \"name\": \"E\", \"items\": [{\"code\": \"B\", \"name\": \"B\"}]}]}", "Domain 2: the domain code d1 is used more than once.")]
    public async Task Should_refuse_an_invalid_definition_with_a_message(string json, string message)
    {
        var before = await CatalogAsync();

        var error = await ImportFailsAsync(json);

        Assert.Contains(message, error.Errors[nameof(ImportCatalog.Command.File)]);
        var after = await CatalogAsync();
        Assert.Equal(before.Concurrency, after.Concurrency);
        Assert.Equal(before.Earlier.Count, after.Earlier.Count);
    }

    [Fact]
    public async Task Should_refuse_texts_longer_than_the_catalog_allows()
    {
        var json = $$"""
            {"name": "{{new string('n', FactorCatalog.NameMaxLength + 1)}}", "domains": [{"code": "{{new string('d', FactorDomain.CodeMaxLength + 1)}}", "name": "D",
              "items": [{"code": "{{new string('c', FactorItem.CodeMaxLength + 1)}}", "name": "{{new string('i', FactorItem.NameMaxLength + 1)}}", "guidance": "{{new string('g', FactorItem.GuidanceMaxLength + 1)}}"}]}]}
            """;

        var messages = (await ImportFailsAsync(json)).Errors[nameof(ImportCatalog.Command.File)];

        Assert.Equal(
            [
                $"The catalog's name can be at most {FactorCatalog.NameMaxLength} characters.",
                $"Domain 1: the code can be at most {FactorDomain.CodeMaxLength} characters.",
                $"Domain 1, item 1: the code can be at most {FactorItem.CodeMaxLength} characters.",
                $"Domain 1, item 1: the name can be at most {FactorItem.NameMaxLength} characters.",
                $"Domain 1, item 1: the guidance can be at most {FactorItem.GuidanceMaxLength} characters.",
            ],
            messages);
    }

    [Fact]
    public async Task Should_keep_a_findings_item_after_it_is_retired_and_after_an_import()
    {
        var reviewId = await Fixture.ReviewAtAsync(ReviewStage.Approval);
        var finding = await Fixture.QueryDbAsync(db => db.Findings.IgnoreQueryFilters().SingleAsync(f => f.ReviewId == reviewId));
        var catalog = await CatalogAsync();
        var item = catalog.Domains.SelectMany(d => d.Items).Single(i => i.Id == finding.FactorItemId);
        if (!item.IsRetired)
        {
            await Fixture.SendAsync(new RetireCatalogItem.Command(item.Id, catalog.Concurrency));
        }

        await Fixture.SendAsync(new ImportCatalog.Command { File = Encoding.UTF8.GetBytes(await ExportTextAsync()) });

        var catalogs = await Fixture.QueryDbAsync(db => db.FactorCatalogs.IgnoreQueryFilters().AsSplitQuery().ToListAsync());
        var codedWith = catalogs.Single(c => c.Items.Any(i => i.Id == finding.FactorItemId));
        var coded = new { codedWith.IsCurrent, Item = codedWith.Items.Single(i => i.Id == finding.FactorItemId) };
        Assert.False(coded.IsCurrent);
        Assert.Equal(item.Code, coded.Item.Code);
        Assert.Equal(item.Name, coded.Item.Name);
        Assert.True(coded.Item.IsRetired);
        Assert.True(finding.CatalogVersion < coded.Item.RetiredInVersion);

        // The new current catalog has the same code, retired too, so no new finding uses it by accident.
        var current = await CatalogAsync();
        Assert.True(current.Domains.SelectMany(d => d.Items).Single(i => i.Code == item.Code).IsRetired);
        Assert.Equal(finding.FactorItemId, (await Fixture.QueryDbAsync(db => db.Findings.IgnoreQueryFilters().SingleAsync(f => f.Id == finding.Id))).FactorItemId);
    }
}
