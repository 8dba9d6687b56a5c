package dev.flatcarmirror.storage;

import dev.flatcarmirror.testsupport.InMemoryObjectStore;

/** The slice tests' store keeps the contract of the real ones, so what they serve is what a backend would. */
class InMemoryObjectStoreTest extends ObjectStoreContractTest {

    @Override
    ObjectStore open(java.nio.file.Path stagingRoot) {
        return new InMemoryObjectStore();
    }
}
