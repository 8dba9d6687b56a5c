package dev.flatcarmirror.storage;

import dev.flatcarmirror.testsupport.InMemoryObjectStore;

/** The slice tests' store keeps the contract of the real ones, so what they serve is what a backend would. */
class InMemoryObjectStoreTest extends ObjectStoreContractTest {

    @Override
    ObjectStore store() {
        return new InMemoryObjectStore();
    }
}
