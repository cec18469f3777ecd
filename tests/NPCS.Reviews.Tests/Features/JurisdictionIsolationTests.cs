using System.Reflection;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Data.Seeding;
using NPCS.Reviews.Application.Features.Catalog;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Tests.Support;
using NPCS.Reviews.TestSupport;
using Xunit.Abstractions;
using AuthorizeAttribute = NPCS.Reviews.Application.Security.AuthorizeAttribute;

namespace NPCS.Reviews.Tests.Features;

/// <summary>
/// Every query and command of the application that takes an id, found by reflection, sent by a Demo
/// County user with the ids of Other County's records, answers "not found": the jurisdiction filter
/// keeps them out in the handler itself (called directly, so no validator can answer first), and
/// through the whole pipeline as a page would send it nothing else comes back (never a success, never
/// another error). A new id-taking request is covered as soon as it exists; one this test cannot
/// build, or whose id it cannot fill, fails by name.
/// </summary>
public class JurisdictionIsolationTests(SliceFixture fixture, ITestOutputHelper output) : SliceTest(fixture, Users.Supervisor)
{
    /// <summary>Requests documented to refuse a Demo County user with 403 before they look at an id. None today.</summary>
    private static readonly Dictionary<Type, string> ForbiddenFirst = [];

    /// <summary>
    /// Requests on the user's own current factor catalog (it has no id: the jurisdiction filter finds
    /// it). Their ids name its parts, so another jurisdiction's domain or item is "not in this catalog",
    /// the refusal shown on the page for any unknown one. They are sent with their own catalog's current
    /// version, so that the id, not a stale version, is what is refused.
    /// </summary>
    private static readonly Type[] OnOwnCatalog = [typeof(AddCatalogItem.Command), typeof(RetireCatalogItem.Command)];

    /// <summary>Properties whose names end in "Id" but that name no record (a time zone is an IANA name).</summary>
    private static readonly string[] NotRecordIds = ["TimeZoneId"];

    private static readonly Assembly Application = typeof(ICurrentUser).Assembly;

    private static bool IsIdName(string name) =>
        !NotRecordIds.Contains(name) && (name == "Id" || name.EndsWith("Id", StringComparison.Ordinal) || name.EndsWith("Ids", StringComparison.Ordinal));

    private static bool IsIdProperty(PropertyInfo property) =>
        IsIdName(property.Name) && (Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType) is var type
        && (type == typeof(int) || type == typeof(string) || typeof(IEnumerable<int>).IsAssignableFrom(type));

    /// <summary>Every request type (query or command) of the application with an id among its properties.</summary>
    private static IEnumerable<Type> IdTakingRequests() =>
        Application.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IMessage).IsAssignableFrom(t))
            .Where(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(IsIdProperty))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    [Fact]
    public async Task Every_request_that_takes_an_id_answers_not_found_to_another_jurisdictions_ids()
    {
        var other = await OtherCountyAsync();
        var failures = new List<string>();
        var requests = IdTakingRequests().ToList();
        var stoppedByValidation = 0;
        foreach (var type in requests)
        {
            object message;
            try
            {
                message = Build(type, other);
            }
            catch (InvalidOperationException e)
            {
                failures.Add($"{Name(type)}: {e.Message}");
                continue;
            }

            await Fixture.RunAsUserAsync(ActingUserFor(type));
            var expected = typeof(NotFoundException);
            if (ForbiddenFirst.ContainsKey(type))
            {
                expected = typeof(ForbiddenAccessException);
            }
            else if (OnOwnCatalog.Contains(type))
            {
                expected = typeof(DomainException);
                type.GetProperty("Version")!.SetValue(message, await OwnCatalogVersionAsync());
            }

            var direct = await CatchAsync(() => CallHandlerAsync(type, message));
            if (direct?.GetType() != expected)
            {
                failures.Add($"{Name(type)}, its handler: expected {expected.Name}, got {Describe(direct)}.");
            }

            // Through the pipeline a validator may refuse the made-up fields first; nothing else may happen.
            var sent = await CatchAsync(() => Fixture.SendAsync((IMessage)message));
            stoppedByValidation += sent is ValidationException ? 1 : 0;
            if (sent?.GetType() != expected && sent is not ValidationException)
            {
                failures.Add($"{Name(type)}, sent: expected {expected.Name} (or a validation error), got {Describe(sent)}.");
            }
        }

        output.WriteLine(
            $"{requests.Count} id-taking requests sent with Other County's ids by Demo County users, each to its handler and through the pipeline "
            + $"({requests.Count - stoppedByValidation} refused there by the handler, {stoppedByValidation} by validation first): {string.Join(", ", requests.Select(Name))}.");
        Assert.True(requests.Count > 40, $"Only {requests.Count} id-taking requests were found: is the discovery still looking at the application?");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>The ids of an approved Other County review with one record of each kind, its accounts and its catalog.</summary>
    private sealed record OtherCounty(ReviewSceneIds Scene, string UserId, int CatalogDomainId, int WaveId, int InstrumentId);

    private Task<OtherCounty> OtherCountyAsync() => Fixture.ExecuteScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<ReviewsDbContext>();
        var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
        await ReviewScene.EnsureOtherCountyCastAsync(db, users, Fixture.Time.GetUtcNow());
        var reviewId = await ReviewScene.CreateAtAsync(db, users, ReviewStage.Approved, Fixture.Time.GetUtcNow(), SceneCast.OtherCounty, withChronologyEntry: true);
        var scene = await ReviewSceneIds.LoadAsync(db, reviewId);
        var jurisdictionId = await db.Reviews.IgnoreQueryFilters().Where(r => r.Id == reviewId).Select(r => r.JurisdictionId).SingleAsync();
        var catalog = await db.FactorCatalogs.IgnoreQueryFilters().SingleAsync(c => c.JurisdictionId == jurisdictionId && c.IsCurrent);
        var facilitator = await users.FindByEmailAsync(SceneCast.OtherCounty.Facilitator) ?? throw new InvalidOperationException("No Other County facilitator.");
        var today = DateOnly.FromDateTime(Fixture.Time.GetUtcNow().UtcDateTime);
        var wave = await SurveyScene.OpenAsync(db, Seeder.OtherCode, today, today.AddDays(7), ("Other unit", 5));
        var instrumentId = await db.SurveyInstruments.IgnoreQueryFilters().Where(i => i.JurisdictionId == jurisdictionId).Select(i => i.Id).FirstAsync();
        return new OtherCounty(scene, facilitator.Id, catalog.Domains[0].Id, wave.WaveId, instrumentId);
    });

    private Task<Guid> OwnCatalogVersionAsync() => Fixture.QueryDbAsync(db => db.FactorCatalogs.IgnoreQueryFilters()
        .Where(c => c.IsCurrent && c.JurisdictionId == db.Jurisdictions.IgnoreQueryFilters().Single(j => j.Code == Seeder.DemoCode).Id)
        .Select(c => c.Concurrency)
        .SingleAsync());

    /// <summary>A Demo County user the request's roles allow: a Supervisor where possible (on every debrief team), else the first allowed role.</summary>
    private static string ActingUserFor(Type type)
    {
        var roles = type.GetCustomAttribute<AuthorizeAttribute>(inherit: true)?.Roles.Split(',', StringSplitOptions.TrimEntries) ?? [Roles.Supervisor];
        return roles.Contains(Roles.Supervisor) ? Users.Supervisor : roles[0] switch
        {
            Roles.Administrator => Users.Admin,
            Roles.Facilitator => Users.Facilitator,
            Roles.Caseworker => Users.Caseworker,
            var role => throw new InvalidOperationException($"{Name(type)}: no Demo County user of role {role}."),
        };
    }

    /// <summary>Another jurisdiction's value for an id property or parameter, by its name; a name not known here fails the test.</summary>
    private static object? OtherValue(string name, Type type, OtherCounty other, Type request)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string))
        {
            return name is "Id" or "UserId" or "FacilitatorId" ? other.UserId
                : throw new InvalidOperationException($"no Other County value for the text id {name}: add one to this test.");
        }

        int[] ids = name switch
        {
            "Id" => [other.Scene.ReviewId],
            "SessionId" => [other.Scene.SessionId],
            "ParticipantId" => [other.Scene.ParticipantId],
            "PointId" or "DecisionPointIds" => [other.Scene.DecisionPointId],
            "NeedId" or "NeedIds" => [other.Scene.NeedId],
            "EntryId" or "ChronologyEntryId" or "ChronologyEntryIds" => [other.Scene.ChronologyEntryId],
            "FindingId" => [other.Scene.FindingId],
            "ActionId" => [other.Scene.ActionId],
            "ItemId" or "FactorItemId" => [other.Scene.CatalogItemId],
            "DomainId" => [other.CatalogDomainId],
            "WaveId" => [other.WaveId],
            "InstrumentId" => [other.InstrumentId],
            _ => throw new InvalidOperationException($"no Other County value for the id {name} of {Name(request)}: add one to this test."),
        };
        if (target == typeof(int))
        {
            return ids[0];
        }

        return target.IsAssignableFrom(typeof(List<int>)) ? new List<int> { ids[0] }
            : throw new InvalidOperationException($"cannot fill the id list {name} of type {type.Name}.");
    }

    /// <summary>
    /// The request with every id set to Other County's, through its widest constructor (records) or its
    /// settable properties; everything else keeps a neutral value (empty version, no text, false).
    /// </summary>
    private static object Build(Type type, OtherCounty other)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException("has no public constructor.");
        var arguments = constructor.GetParameters()
            .Select(p => IsIdName(p.Name!) && IsIdType(p.ParameterType) ? OtherValue(p.Name!, p.ParameterType, other, type) : Neutral(p.ParameterType))
            .ToArray();
        object message;
        try
        {
            message = constructor.Invoke(arguments);
        }
        catch (TargetInvocationException e)
        {
            throw new InvalidOperationException($"could not be built: {e.InnerException?.GetType().Name}.", e);
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && IsIdProperty(p)))
        {
            property.SetValue(message, OtherValue(property.Name, property.PropertyType, other, type));
        }

        return message;
    }

    private static bool IsIdType(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target == typeof(int) || target == typeof(string) || typeof(IEnumerable<int>).IsAssignableFrom(target);
    }

    private static object? Neutral(Type type) => type.IsValueType ? Activator.CreateInstance(type) : null;

    /// <summary>Calls the request's own handler, built from the container, with no pipeline before it.</summary>
    private Task CallHandlerAsync(Type type, object message) => Fixture.ExecuteScopeAsync(async sp =>
    {
        var handlerInterface = Application.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false })
            .SelectMany(t => t.GetInterfaces().Select(i => (Handler: t, Interface: i)))
            .Where(x => x.Interface.IsGenericType && x.Interface.GetGenericArguments().Length == 2
                && x.Interface.GetGenericTypeDefinition().Name is "IQueryHandler`2" or "ICommandHandler`2" or "IRequestHandler`2"
                && x.Interface.GetGenericArguments()[0] == type)
            .Select(x => (x.Handler, x.Interface))
            .FirstOrDefault();
        if (handlerInterface.Handler is null)
        {
            throw new InvalidOperationException($"{Name(type)} has no handler.");
        }

        var handler = ActivatorUtilities.CreateInstance(sp, handlerInterface.Handler);
        var handle = handlerInterface.Interface.GetMethod("Handle")!;
        var pending = handle.Invoke(handler, [message, CancellationToken.None])!;
        await (Task)pending.GetType().GetMethod("AsTask")!.Invoke(pending, null)!;
    });

    private static async Task<Exception?> CatchAsync(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            return e.InnerException;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private static string Describe(Exception? e) => e is null ? "a success" : $"{e.GetType().Name} ({e.Message})";

    private static string Name(Type type) => type.DeclaringType is { } outer ? $"{outer.Name}.{type.Name}" : type.Name;
}
