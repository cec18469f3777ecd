namespace NPCS.Reviews.Tests.Support;

/// <summary>A handler test class: its own database (the class fixture), acting as one demo user unless a test switches.</summary>
public abstract class SliceTest(SliceFixture fixture, string actingAs) : IClassFixture<SliceFixture>, IAsyncLifetime
{
    protected SliceFixture Fixture { get; } = fixture;

    protected DateOnly Today => DateOnly.FromDateTime(Fixture.Time.Now.UtcDateTime);

    public Task InitializeAsync() => Fixture.RunAsUserAsync(actingAs);

    public Task DisposeAsync() => Task.CompletedTask;
}
