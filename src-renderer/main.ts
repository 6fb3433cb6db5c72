/** Renderer entry: Vue app with Pinia and the router. */
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { createConsoleRouter } from './router';
import './styles/base.css';

createApp(App).use(createPinia()).use(createConsoleRouter()).mount('#app');
