namespace JourneyMapper.Streams.Processors.Internals;

/// <summary>
/// A node of the topology as built by the DSL: a description plus a factory, since every task gets
/// its own instances of the processors.
/// </summary>
internal abstract class TopologyNode(string name)
{
    public string Name { get; } = name;

    public List<TopologyNode> Children { get; } = [];

    public List<TopologyNode> Parents { get; } = [];

    /// <summary>Children fed by a side output of a different type (e.g. a window's late records).</summary>
    public List<TopologyNode> SideChildren { get; } = [];

    public IEnumerable<TopologyNode> Successors => Children.Concat(SideChildren);

    public abstract string Describe();

    public void AddChild(TopologyNode child)
    {
        Children.Add(child);
        child.Parents.Add(this);
    }

    public void AddSideChild(TopologyNode child)
    {
        SideChildren.Add(child);
        child.Parents.Add(this);
    }

    /// <summary>Instantiates the children, which all take this node's output types.</summary>
    protected IProcessorNode<TKey, TValue>[] InstantiateChildren<TKey, TValue>(TaskContext task) => Instantiate<TKey, TValue>(Children, task);

    protected static IProcessorNode<TKey, TValue>[] Instantiate<TKey, TValue>(IEnumerable<TopologyNode> nodes, TaskContext task) =>
        nodes.Select(child => ((TopologyNode<TKey, TValue>)child).InstanceFor(task)).ToArray();
}

/// <summary>A node that accepts records of the given key and value types.</summary>
internal abstract class TopologyNode<TKey, TValue>(string name) : TopologyNode(name)
{
    /// <summary>The task's one instance of this node, even when several parents (a merge) lead to it.</summary>
    public IProcessorNode<TKey, TValue> InstanceFor(TaskContext task) =>
        (IProcessorNode<TKey, TValue>)task.GetOrAddInstance(this, () => Instantiate(task));

    protected abstract IProcessorNode<TKey, TValue> Instantiate(TaskContext task);
}
